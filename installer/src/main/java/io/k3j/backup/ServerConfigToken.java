package io.k3j.backup;

import io.k3j.render.YamlString;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server's {@code config.yaml} with its {@code token:} line set to another password (a restore
 * brings back the token the datastore's bootstrap data is encrypted with); the value written as
 * the template writes it, through {@link YamlString}. Every other line stays as it is.
 */
final class ServerConfigToken {
    private static final Pattern TOKEN_LINE = Pattern.compile("(?m)^token: .*$");

    private ServerConfigToken() {
    }

    /** The config with {@code password} as its token, or empty when it has no {@code token:} line (not one k3j-install wrote). */
    static Optional<String> with(String config, String password) {
        Matcher matcher = TOKEN_LINE.matcher(config);
        if (!matcher.find()) {
            return Optional.empty();
        }
        return Optional.of(config.substring(0, matcher.start()) + "token: " + YamlString.quote(password) + config.substring(matcher.end()));
    }
}
