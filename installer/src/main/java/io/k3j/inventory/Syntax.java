package io.k3j.inventory;

import java.util.Optional;
import java.util.regex.Pattern;

/** The shape of single values: addresses, names, labels, taints, versions. Each check says what is allowed. */
public final class Syntax {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern DNS_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(\\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*");
    private static final Pattern NODE_NAME = Pattern.compile(
            "(?=.{1,253}$)[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*");
    private static final Pattern QUALIFIED_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");
    private static final Pattern TAINT = Pattern.compile("([^=:]+)(=([^:]*))?:(NoSchedule|PreferNoSchedule|NoExecute)");
    /** Linux allows up to 15 bytes (IFNAMSIZ 16) but no '/', ':' or space; keepalived.conf needs no more than these. */
    private static final Pattern INTERFACE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,14}");

    private Syntax() {
    }

    static boolean isIp(String text) {
        return IpLiteral.is(text);
    }

    static boolean isDnsName(String text) {
        return DNS_NAME.matcher(text).matches() && !text.matches("[0-9.]+");
    }

    public static Optional<String> address(String text) {
        return isIp(text) || isDnsName(text)
                ? Optional.empty()
                : Optional.of(Shown.value(text) + " is not an IPv4 or IPv6 address or a DNS name");
    }

    static Optional<String> clusterName(String text) {
        return DNS_LABEL.matcher(text).matches()
                ? Optional.empty()
                : Optional.of(Shown.value(text) + " is not a DNS label: lower-case letters, digits and '-', at most 63");
    }

    public static Optional<String> nodeName(String text) {
        return NODE_NAME.matcher(text).matches()
                ? Optional.empty()
                : Optional.of("'" + text + "' is not a valid node name: lower-case letters, digits, '-' and '.' "
                        + "(a DNS-1123 subdomain)");
    }

    /**
     * A network interface name as Linux takes it (dev_valid_name: 1 to 15 bytes, no '/', ':' or
     * whitespace), narrowed to letters, digits, '_', '.' and '-': it is written as a word into keepalived.conf.
     */
    static Optional<String> interfaceName(String text) {
        return INTERFACE.matcher(text).matches()
                ? Optional.empty()
                : Optional.of(Shown.value(text) + " is not a network interface name: 1 to 15 letters, digits, '_', '.' "
                        + "or '-' (as 'ip link' lists them, such as eth0, ens18, bond0.100)");
    }


    static Optional<String> k3sVersion(String text) {
        return K3sVersion.parse(text).isPresent()
                ? Optional.empty()
                : Optional.of(Shown.value(text) + " is not a K3s release version such as v1.31.4+k3s1");
    }

    /** Kubernetes label: {@code [prefix/]name=value}. */
    static Optional<String> label(String key, String value) {
        String name = key.contains("/") ? key.substring(key.indexOf('/') + 1) : key;
        String prefix = key.contains("/") ? key.substring(0, key.indexOf('/')) : null;
        if ((prefix != null && !isDnsName(prefix)) || !QUALIFIED_NAME.matcher(name).matches()) {
            return Optional.of("label key " + Shown.value(key) + " is not valid: [prefix/]name, the name at most 63 letters, digits, "
                    + "'-', '_' or '.', starting and ending with a letter or digit");
        }
        if (!LABEL_VALUE.matcher(value).matches()) {
            return Optional.of("label value " + Shown.value(value) + " of " + Shown.value(key) + " is not valid: at most 63 letters, digits, "
                    + "'-', '_' or '.', starting and ending with a letter or digit");
        }
        return Optional.empty();
    }

    /** Kubernetes taint as K3s takes it: {@code key[=value]:Effect}. */
    static Optional<String> taint(String text) {
        var matcher = TAINT.matcher(text);
        if (!matcher.matches()) {
            return Optional.of("taint " + Shown.value(text) + " is not key=value:Effect with Effect NoSchedule, PreferNoSchedule or NoExecute");
        }
        return label(matcher.group(1), matcher.group(3) == null ? "" : matcher.group(3))
                .map(problem -> "taint " + Shown.value(text) + ": " + problem);
    }
}
