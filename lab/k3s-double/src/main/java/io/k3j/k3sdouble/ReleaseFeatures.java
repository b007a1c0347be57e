package io.k3j.k3sdouble;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What depends on the K3s release the double plays ({@link Version#version()}), looked up by minor
 * and patch:
 * <ul>
 * <li>{@code k3s token rotate}: k3s-io/k3s PR #8265 and its backports #8576, #8577, #8578, first
 * released in v1.28.3+k3s1, v1.27.7+k3s1, v1.26.10+k3s1 and v1.25.15+k3s1 (October 2023).</li>
 * <li>the certificate renewal window: 90 days, 120 days from v1.33.1, v1.32.5, v1.31.9 and v1.30.13
 * (May 2025; k3s-io/k3s#12171 and its backports #12312-#12315).</li>
 * </ul>
 */
public final class ReleaseFeatures {
    private static final Pattern VERSION = Pattern.compile("v1\\.(\\d+)\\.(\\d+)\\+k3s\\d+");
    private static final Map<Integer, Integer> TOKEN_ROTATE_SINCE = Map.of(25, 15, 26, 10, 27, 7, 28, 3);
    private static final Map<Integer, Integer> LONG_RENEWAL_SINCE = Map.of(30, 13, 31, 9, 32, 5, 33, 1);

    private ReleaseFeatures() {
    }

    public static boolean hasTokenRotate(String version) {
        int[] minorPatch = minorPatch(version);
        return since(minorPatch, TOKEN_ROTATE_SINCE, 28);
    }

    /** Days before expiry from which a certificate is renewed at start (config.CertificateRenewDays). */
    public static int certificateRenewDays(String version) {
        return since(minorPatch(version), LONG_RENEWAL_SINCE, 33) ? 120 : 90;
    }

    /** At or after the patch listed for its minor; every minor above {@code lastListed} has it, those below none. */
    private static boolean since(int[] minorPatch, Map<Integer, Integer> firstPatch, int lastListed) {
        if (minorPatch[0] > lastListed) {
            return true;
        }
        Integer patch = firstPatch.get(minorPatch[0]);
        return patch != null && minorPatch[1] >= patch;
    }

    private static int[] minorPatch(String version) {
        Matcher matcher = VERSION.matcher(version);
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not a K3s version: " + version);
        }
        return new int[] {Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2))};
    }
}
