package io.k3j.inventory;

import java.util.regex.Pattern;

/**
 * Whether a text is an IP address written out: dotted-quad IPv4, or IPv6 in RFC 4291 text form
 * (with {@code ::} at most once, an IPv4 tail allowed), no zone ({@code %eth0}), no prefix, no
 * brackets. Such a text holds only hex digits, '.' and ':', so it is inert in every file it lands
 * in (pg_hba.conf, a MySQL account, haproxy.cfg, keepalived.conf). Never looks anything up.
 */
public final class IpLiteral {
    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private IpLiteral() {
    }

    public static boolean is(String text) {
        return isIpv4(text) || isIpv6(text);
    }

    public static boolean isIpv4(String text) {
        return IPV4.matcher(text).matches();
    }

    public static boolean isIpv6(String text) {
        int elided = text.indexOf("::");
        if (elided != text.lastIndexOf("::") || !text.contains(":")) {
            return false;
        }
        if (elided < 0) {
            return groups(text, true) == 8;
        }
        String head = text.substring(0, elided);
        String tail = text.substring(elided + 2);
        int before = head.isEmpty() ? 0 : groups(head, false);
        int after = tail.isEmpty() ? 0 : groups(tail, true);
        return before >= 0 && after >= 0 && before + after <= 7;
    }

    /** How many 16-bit groups {@code part} stands for (an IPv4 tail counts two), or -1 when it is not groups. */
    private static int groups(String part, boolean mayEndInIpv4) {
        String[] fields = part.split(":", -1);
        int count = 0;
        for (int i = 0; i < fields.length; i++) {
            boolean last = i == fields.length - 1;
            if (last && mayEndInIpv4 && isIpv4(fields[i])) {
                count += 2;
            } else if (GROUP.matcher(fields[i]).matches()) {
                count++;
            } else {
                return -1;
            }
        }
        return count;
    }
}
