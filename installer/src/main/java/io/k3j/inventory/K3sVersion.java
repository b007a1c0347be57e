package io.k3j.inventory;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A K3s release version, {@code vMAJOR.MINOR.PATCH[-rcN]+k3sN}, ordered as K3s releases follow
 * one another: a release candidate before its release, a later {@code +k3sN} after an earlier one.
 */
public record K3sVersion(int major, int minor, int patch, Optional<Integer> releaseCandidate, int k3sRevision)
        implements Comparable<K3sVersion> {

    /** At most six digits a number, so a version from a host or an inventory always fits an int. */
    private static final Pattern FORM = Pattern.compile("v(\\d{1,6})\\.(\\d{1,6})\\.(\\d{1,6})(?:-rc(\\d{1,6}))?\\+k3s(\\d{1,6})");
    private static final Comparator<K3sVersion> ORDER = Comparator.comparingInt(K3sVersion::major)
            .thenComparingInt(K3sVersion::minor)
            .thenComparingInt(K3sVersion::patch)
            .thenComparingInt(version -> version.releaseCandidate().orElse(Integer.MAX_VALUE))
            .thenComparingInt(K3sVersion::k3sRevision);

    public static Optional<K3sVersion> parse(String text) {
        Matcher matcher = FORM.matcher(text);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        return Optional.of(new K3sVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                Integer.parseInt(matcher.group(3)), Optional.ofNullable(matcher.group(4)).map(Integer::parseInt),
                Integer.parseInt(matcher.group(5))));
    }

    /** The Kubernetes minor line, {@code v1.31}, as K3s' release channels name it. */
    public String minorLine() {
        return "v" + major + "." + minor;
    }

    /** How many minor versions {@code later} is ahead of this one; across a major version, the whole way is unknown. */
    public Optional<Integer> minorsTo(K3sVersion later) {
        return later.major == major ? Optional.of(later.minor - minor) : Optional.empty();
    }

    /**
     * Whether this release has {@code k3s token rotate} and the supervisor's {@code /v1-k3s/token}
     * behind it: from v1.28.3+k3s1 and the backports v1.27.7+k3s1, v1.26.10+k3s1, v1.25.15+k3s1
     * (k3s-io/k3s PR #8265, backports #8576 to #8578; docs.k3s.io cli/token).
     */
    public boolean hasTokenRotate() {
        if (major != 1) {
            return major > 1;
        }
        return switch (minor) {
            case 28 -> atLeast(3);
            case 27 -> atLeast(7);
            case 26 -> atLeast(10);
            case 25 -> atLeast(15);
            default -> minor > 28;
        };
    }

    /**
     * How many days before a leaf certificate expires K3s renews it at start ({@code config.CertificateRenewDays}):
     * 90, and 120 from v1.33.1, v1.32.5, v1.31.9 and v1.30.13 (k3s-io/k3s#12171, backports #12312 to #12315, May 2025).
     */
    public int certificateRenewalDays() {
        if (major != 1) {
            return major > 1 ? 120 : 90;
        }
        boolean longer = switch (minor) {
            case 33 -> atLeast(1);
            case 32 -> atLeast(5);
            case 31 -> atLeast(9);
            case 30 -> atLeast(13);
            default -> minor > 33;
        };
        return longer ? 120 : 90;
    }

    private boolean atLeast(int firstPatch) {
        return compareTo(new K3sVersion(major, minor, firstPatch, Optional.empty(), 1)) >= 0;
    }

    @Override
    public int compareTo(K3sVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + releaseCandidate.map(rc -> "-rc" + rc).orElse("") + "+k3s" + k3sRevision;
    }
}
