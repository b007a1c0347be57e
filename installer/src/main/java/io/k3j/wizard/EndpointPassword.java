package io.k3j.wizard;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The wizard asks for a SQL datastore's endpoint without its password, and for the password on its
 * own (masked, kept as a reference): this joins them into K3s' endpoint and splits them apart.
 */
final class EndpointPassword {
    /** scheme://user[:password]@rest, as both postgres:// and mysql:// endpoints have it. */
    private static final Pattern USER_INFO = Pattern.compile("([a-z]+://)([^:@/()]+)(?::([^@]*))?@(.*)");

    private EndpointPassword() {
    }

    record Split(String endpoint, Optional<String> password) {
    }

    static boolean namesUser(String endpoint) {
        return USER_INFO.matcher(endpoint).matches();
    }

    static boolean hasPassword(String endpoint) {
        Matcher matcher = USER_INFO.matcher(endpoint);
        return matcher.matches() && matcher.group(3) != null;
    }

    static String join(String endpoint, Optional<String> password) {
        Matcher matcher = USER_INFO.matcher(endpoint);
        if (password.isEmpty() || !matcher.matches()) {
            return endpoint;
        }
        return matcher.group(1) + matcher.group(2) + ":" + password.get() + "@" + matcher.group(4);
    }

    static Split split(String endpoint) {
        Matcher matcher = USER_INFO.matcher(endpoint);
        if (!matcher.matches() || matcher.group(3) == null) {
            return new Split(endpoint, Optional.empty());
        }
        return new Split(matcher.group(1) + matcher.group(2) + "@" + matcher.group(4), Optional.of(matcher.group(3)));
    }
}
