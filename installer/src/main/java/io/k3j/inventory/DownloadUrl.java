package io.k3j.inventory;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The shape of a URL the hosts download from ({@code k3s.mirror}, {@code k3s.scriptUrl}): an
 * http(s) URL with a host, of RFC 3986 characters only, without the ones a shell gives a meaning
 * ({@code ! $ & ' ( ) * ;}), so the URL is inert wherever it is written even before it is quoted.
 * No user info: curl's command line on the hosts would show a password to every local user.
 */
final class DownloadUrl {
    /** RFC 3986's unreserved and gen-delims, and the sub-delims no shell reads: {@code + , =}. */
    private static final Pattern USER_INFO = Pattern.compile("[^:/?#]*://[^/?#]*@");
    private static final String ALLOWED = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~:/?#[]@+,=%";

    private DownloadUrl() {
    }

    /** Why {@code text} is not a URL to download from, or empty; {@code base} when paths are added to it (no query). */
    static Optional<String> problem(String text, boolean base) {
        if (USER_INFO.matcher(text).lookingAt()) {
            return Optional.of("the URL holds user info (user:password@); curl's command line on the hosts would show it "
                    + "to every local user: use a mirror that needs no password");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (ALLOWED.indexOf(c) < 0) {
                return Optional.of(Shown.value(text) + " holds " + describe(c) + " at character " + (i + 1)
                        + "; a URL here may hold only letters, digits and - . _ ~ : / ? # [ ] @ + , = (others %-encoded)");
            }
            if (c == '%' && !(i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2)))) {
                return Optional.of("'" + text + "' has a '%' at character " + (i + 1) + " not followed by two hex digits");
            }
        }
        URI uri;
        try {
            uri = new URI(text);
        } catch (URISyntaxException e) {
            return Optional.of("'" + text + "' is not a URL: " + e.getReason());
        }
        if (uri.getScheme() == null || !uri.getScheme().matches("https?") || uri.getHost() == null) {
            return Optional.of("'" + text + "' is not an http(s) URL with a host name");
        }
        if (base && (uri.getRawQuery() != null || uri.getRawFragment() != null)) {
            return Optional.of("'" + text + "' has a query or fragment; the mirror is a base URL the release's paths are added to");
        }
        return Optional.empty();
    }

    static boolean isPlainHttp(String text) {
        return text.startsWith("http://");
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }

    private static String describe(char c) {
        return Character.isISOControl(c) ? String.format("a control character (U+%04X)", (int) c)
                : Character.isWhitespace(c) ? "a space" : "'" + c + "'";
    }
}
