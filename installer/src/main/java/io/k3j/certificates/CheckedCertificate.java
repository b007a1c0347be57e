package io.k3j.certificates;

import java.time.Instant;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One certificate as {@code k3s certificate check} reports it: the file it is in (a base name, or a
 * whole path in the releases before May 2025), its subject, its usages (none listed before May
 * 2025), what K3s said of it, and the time that goes with that: when it expires, or for one not
 * valid yet, when it becomes valid.
 */
public record CheckedCertificate(String file, String subject, List<String> usages, Said said, Instant time) {
    /** K3s' names for a CA: {@code k3s-client-ca@<unix time>}, {@code k3s-server-ca@…}, {@code etcd-peer-ca@…}. */
    private static final Pattern AUTHORITY_NAME = Pattern.compile("(?:CN=)?[a-z0-9-]+-ca@\\d+(?:,.*)?");

    /** The four statuses of pkg/util GetCertStatus, as the check's text words them. */
    public enum Said { OK, EXPIRING, EXPIRED, NOT_YET_VALID }

    /** A certificate authority: it may sign ({@code CertSign}), or, where no usages are listed, it bears a K3s CA's name. */
    public boolean authority() {
        return usages.contains("CertSign") || usages.isEmpty() && AUTHORITY_NAME.matcher(subject).matches();
    }
}
