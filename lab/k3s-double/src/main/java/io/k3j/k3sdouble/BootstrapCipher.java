package io.k3j.k3sdouble;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import javax.crypto.Cipher;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The cluster's bootstrap data as K3s keeps it in the datastore (pkg/cluster/encrypt.go):
 * stored under {@code /bootstrap/<first 12 hex of sha256(password)>}, the value
 * {@code <salt>:<base64(nonce ‖ AES-256-GCM ciphertext)>}, salt 8 random bytes as 16 hex, key
 * {@code pbkdf2(password, salt, 4096, 32, sha1)}. A different token cannot decrypt it.
 */
public final class BootstrapCipher {
    private static final int ITERATIONS = 4096;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private BootstrapCipher() {
    }

    public static String storageKey(String password) {
        return "/bootstrap/" + Token.sha256Hex(password.getBytes(StandardCharsets.UTF_8)).substring(0, 12);
    }

    public static byte[] encrypt(String password, byte[] plaintext) {
        byte[] saltBytes = new byte[8];
        SecureRandom random = new SecureRandom();
        random.nextBytes(saltBytes);
        String salt = HexFormat.of().formatHex(saltBytes);
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key(password, salt), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = cipher.doFinal(plaintext);
            byte[] joined = Arrays.copyOf(nonce, nonce.length + sealed.length);
            System.arraycopy(sealed, 0, joined, nonce.length, sealed.length);
            return (salt + ":" + Base64.getEncoder().encodeToString(joined)).getBytes(StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt the bootstrap data", e);
        }
    }

    /** The plaintext, or {@link WrongTokenException} when {@code password} is not the one it was sealed with. */
    public static byte[] decrypt(String password, byte[] stored) {
        String text = new String(stored, StandardCharsets.UTF_8);
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("invalid cipher text, not salted");
        }
        byte[] joined = Base64.getDecoder().decode(text.substring(colon + 1));
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key(password, text.substring(0, colon)),
                    new GCMParameterSpec(TAG_BITS, joined, 0, NONCE_BYTES));
            return cipher.doFinal(joined, NONCE_BYTES, joined.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new WrongTokenException();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt the bootstrap data", e);
        }
    }

    private static SecretKeySpec key(String password, String salt) throws GeneralSecurityException {
        PBEKeySpec spec = new PBEKeySpec(password.toCharArray(), salt.getBytes(StandardCharsets.UTF_8), ITERATIONS, 256);
        byte[] key = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA1").generateSecret(spec).getEncoded();
        return new SecretKeySpec(key, "AES");
    }

    /** pkg/cluster/storage.go getBootstrapKeyFromStorage: the data was sealed with another token. */
    public static final class WrongTokenException extends RuntimeException {
        public WrongTokenException() {
            super("bootstrap data already found and encrypted with different token");
        }
    }
}
