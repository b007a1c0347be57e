package io.k3j.plan;

import io.k3j.output.Json;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * Every form a secret may be written in, one encoder per way of writing it: as is, escaped for a
 * YAML double-quoted or JSON string, quoted for YAML single quotes, a shell or SQL (both MySQL
 * spellings, which PostgreSQL's E'' strings share), percent-encoded (RFC 3986, only the user info's
 * delimiters, and HTML-form style, hex digits in either case). Each
 * form is also taken once more through JSON escaping, as an event carries it. The masker masks
 * all of them, so a value escaped on its way to a host is still masked on its way to a person.
 */
final class SecretForms {
    private static final String UNRESERVED = "-._~";
    /** RFC 3986 user info keeps the sub-delimiters and ':' (as java.net.URI writes it). */
    private static final String USER_INFO = UNRESERVED + "!$&'()*+,;=:";

    private static final List<UnaryOperator<String>> ENCODERS = List.of(
            UnaryOperator.identity(),
            Json::escaped,  // a JSON string, and a YAML double-quoted one
            text -> text.replace("'", "''"),
            text -> text.replace("'", "'\\''"),
            text -> text.replace("'", "'\"'\"'"),
            text -> text.replace("\\", "\\\\").replace("'", "\\'"),
            text -> text.replace("\\", "\\\\").replace("'", "''"),
            text -> percentEncoded(text, UNRESERVED),
            text -> lowerHex(percentEncoded(text, UNRESERVED)),
            text -> percentEncoded(text, USER_INFO),
            text -> lowerHex(percentEncoded(text, USER_INFO)),
            text -> delimitersEncoded(text),
            text -> lowerHex(delimitersEncoded(text)),
            text -> URLEncoder.encode(text, StandardCharsets.UTF_8),
            text -> lowerHex(URLEncoder.encode(text, StandardCharsets.UTF_8)));

    private SecretForms() {
    }

    static Set<String> of(String secret) {
        Set<String> forms = new LinkedHashSet<>();
        for (UnaryOperator<String> encoder : ENCODERS) {
            String form = encoder.apply(secret);
            forms.add(form);
            forms.add(Json.escaped(form));
        }
        return forms;
    }

    /** Every UTF-8 byte percent-encoded (upper-case hex) but ASCII letters, digits and {@code kept}. */
    private static String percentEncoded(String text, String kept) {
        StringBuilder out = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || kept.indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    /** Only what would end the user info percent-encoded ({@code % @ : / ? #}, space, controls), the rest as it is. */
    private static String delimitersEncoded(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            out.append("%@:/?# ".indexOf(c) >= 0 || c < 0x20 || c == 0x7f ? String.format("%%%02X", (int) c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** The same percent-encoding with lower-case hex digits, leaving the other characters as they are. */
    private static String lowerHex(String encoded) {
        StringBuilder out = new StringBuilder(encoded);
        for (int i = out.indexOf("%"); i >= 0 && i + 2 < out.length(); i = out.indexOf("%", i + 1)) {
            out.replace(i + 1, i + 3, out.substring(i + 1, i + 3).toLowerCase(Locale.ROOT));
        }
        return out.toString();
    }
}
