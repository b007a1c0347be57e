package io.k3j.plan;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A K3s token in its secure form, {@code K10<ca-hash>::<user>:<password>} (k3s
 * pkg/clientaccess/token.go): what K3s writes in {@code server/token} (user {@code server}) and,
 * with {@code agent-token} set, in {@code server/agent-token} (user {@code node}). The CA hash is
 * the sha256 of the cluster CA, 64 hex characters.
 */
public record K3sToken(String caHash, String user, String password) {
    public static final String SERVER = "server";
    public static final String NODE = "node";
    private static final Pattern SECURE = Pattern.compile("K10([0-9a-f]{64})::(server|node):(.+)");
    private static final Pattern ANY_PASSWORD_PART = Pattern.compile("::(?:server|node):(.+)$");
    private static final Pattern GENERATED_PASSWORD = Pattern.compile("[0-9a-f]{32}");

    /** The token in {@code text}, or empty when it is not a secure K3s token of either user. */
    public static Optional<K3sToken> parse(String text) {
        Matcher matcher = SECURE.matcher(text);
        return matcher.matches() ? Optional.of(new K3sToken(matcher.group(1), matcher.group(2), matcher.group(3))) : Optional.empty();
    }

    /** The password of a token given in either form: a secure token's password part, else the short token itself. */
    public static String passwordOf(String token) {
        return parse(token).map(K3sToken::password).orElse(token);
    }

    /**
     * The part after {@code ::server:} or {@code ::node:} of a token, secure or not (a CA hash of
     * any length): a secret to mask wherever the token was found, even one K3s would refuse.
     */
    public static Optional<String> passwordPart(String text) {
        Matcher matcher = ANY_PASSWORD_PART.matcher(text);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Whether {@code password} has the form of one k3j-install (or K3s) generated: 32 hex characters. */
    public static boolean isGenerated(String password) {
        return GENERATED_PASSWORD.matcher(password).matches();
    }

    public boolean joinsAgentsOnly() {
        return NODE.equals(user);
    }

    public String text() {
        return "K10" + caHash + "::" + user + ":" + password;
    }
}
