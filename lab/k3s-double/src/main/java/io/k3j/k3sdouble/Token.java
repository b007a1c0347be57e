package io.k3j.k3sdouble;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A K3s token. Full form {@code K10<sha256 hex of the cluster CA>::<user>:<password>}
 * (pkg/clientaccess/token.go Info.String, FormatTokenBytes); the short form is the bare password,
 * read as {@code K10:::<password>}, which skips the CA check. The CA hash is the sha256 of the raw
 * bytes of server-ca.crt, the same bytes /cacerts returns (clientaccess.hashCA).
 */
public record Token(Optional<String> caHash, String user, String password) {
    private static final String PREFIX = "K10";

    public static Token parse(String text) {
        String trimmed = text.strip();
        if (!trimmed.startsWith(PREFIX) || !trimmed.contains("::")) {
            return new Token(Optional.empty(), "server", trimmed);
        }
        int separator = trimmed.indexOf("::");
        String hash = trimmed.substring(PREFIX.length(), separator);
        String credentials = trimmed.substring(separator + 2);
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid token format");
        }
        return new Token(hash.isEmpty() ? Optional.empty() : Optional.of(hash), credentials.substring(0, colon),
                credentials.substring(colon + 1));
    }

    public static Token full(byte[] caCertificate, String user, String password) {
        return new Token(Optional.of(sha256Hex(caCertificate)), user, password);
    }

    /** 16 random bytes as 32 hex characters, like util.Random(16) (deps.go getServerPass). */
    public static String randomPassword() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public String text() {
        return PREFIX + caHash.orElse("") + "::" + user + ":" + password;
    }

    public static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
