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

    @Override
    public int compareTo(K3sVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch + releaseCandidate.map(rc -> "-rc" + rc).orElse("") + "+k3s" + k3sRevision;
    }
}
