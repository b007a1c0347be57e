package io.k3j.plan;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The secrets a file on a host holds now, found where k3j-install writes them: config.yaml's
 * {@code token}, {@code agent-token} and the password in {@code datastore-endpoint}, and the
 * password of a set-up script's {@code PASSWORD '…'} (or {@code E'…'}) or {@code IDENTIFIED BY '…'}; a token's
 * password part as {@link K3sToken} (the one owner of a token's form) finds it. The online
 * plan masks them in the old side of a diff, where the inventory's (new) secrets are not the ones
 * written: a rotated token would otherwise show on the '-' lines.
 */
public final class SecretsOnHost {
    private static final Pattern YAML_SECRET = Pattern.compile("(?m)^(token|agent-token|datastore-endpoint):[ \\t]*(.*?)[ \\t]*$");
    private static final Pattern SQL_PASSWORD = Pattern.compile("(?i)(?:PASSWORD|IDENTIFIED BY)\\s+E?'((?:[^'\\\\]|''|\\\\.)*)'");
    private static final Pattern URL_PASSWORD = Pattern.compile("://[^:/@]*:(.*)@");

    private SecretsOnHost() {
    }

    public static Set<String> in(String content) {
        Set<String> secrets = new LinkedHashSet<>();
        Matcher yaml = YAML_SECRET.matcher(content);
        while (yaml.find()) {
            String value = scalar(yaml.group(2));
            if (yaml.group(1).equals("datastore-endpoint")) {
                passwordInUrl(value, secrets);
            } else {
                secrets.add(value);
                K3sToken.passwordPart(value).ifPresent(secrets::add);
            }
        }
        Matcher sql = SQL_PASSWORD.matcher(content);
        while (sql.find()) {
            // As written; the masker knows the quoted forms, and this also covers the unquoted value.
            secrets.add(sql.group(1));
            secrets.add(sql.group(1).replace("''", "'").replace("\\\\", "\\").replace("\\'", "'"));
        }
        secrets.removeIf(String::isBlank);
        return secrets;
    }

    private static void passwordInUrl(String url, Set<String> secrets) {
        Matcher password = URL_PASSWORD.matcher(url);
        if (password.find()) {
            secrets.add(password.group(1));
            try {
                secrets.add(URLDecoder.decode(password.group(1), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                // Not valid percent-encoding: the value as written is all there is to mask.
            }
        }
    }

    /** The YAML scalar's value (quoted or plain); the text as it is when it is not one. */
    private static String scalar(String text) {
        try {
            Object value = new Yaml(new LoaderOptions()).load(text);
            return value instanceof String string ? string : text;
        } catch (RuntimeException e) {
            return text;
        }
    }
}
