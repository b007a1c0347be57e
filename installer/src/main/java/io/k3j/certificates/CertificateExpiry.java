package io.k3j.certificates;

import io.k3j.inventory.K3sVersion;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a host's certificate report comes to, judged at {@code now} against the renewal window of
 * the K3s the host runs (K3s renews a leaf certificate at start when it expires within that many
 * days: {@link K3sVersion#certificateRenewalDays()}; docs.k3s.io cli/certificate). Where the
 * version is unknown, K3s' own word in the report decides. At most one warning per kind and host.
 */
public final class CertificateExpiry {

    private CertificateExpiry() {
    }

    public static List<ExpiryWarning> warnings(String host, CertificateReport report, Instant now) {
        int days = report.version().map(K3sVersion::certificateRenewalDays).orElse(90);
        if (!report.read()) {
            return List.of(warning(host, ExpiryWarning.Kind.UNREAD, List.of(), report, days,
                    "'k3s certificate check' " + (report.exitStatus() < 0 ? "did not finish" : "exited " + report.exitStatus())
                            + (report.lastLine().isEmpty() ? "" : ": " + report.lastLine())));
        }
        Map<ExpiryWarning.Kind, Set<CheckedCertificate>> found = new EnumMap<>(ExpiryWarning.Kind.class);
        for (CheckedCertificate certificate : report.certificates()) {
            kindOf(certificate, report.version(), days, now)
                    .ifPresent(kind -> found.computeIfAbsent(kind, any -> new LinkedHashSet<>()).add(certificate));
        }
        List<ExpiryWarning> warnings = new ArrayList<>();
        found.forEach((kind, certificates) -> warnings.add(warning(host, kind, List.copyOf(certificates), report, days, "")));
        return warnings;
    }

    /** Why the certificate needs the operator, if it does. */
    private static Optional<ExpiryWarning.Kind> kindOf(CheckedCertificate certificate, Optional<K3sVersion> version, int days, Instant now) {
        if (certificate.said() == CheckedCertificate.Said.NOT_YET_VALID) {
            return Optional.of(ExpiryWarning.Kind.NOT_YET_VALID);
        }
        boolean expired = version.isPresent() ? now.isAfter(certificate.time()) : certificate.said() == CheckedCertificate.Said.EXPIRED;
        boolean expiring = version.isPresent() ? now.plus(Duration.ofDays(days)).isAfter(certificate.time())
                : certificate.said() == CheckedCertificate.Said.EXPIRING;
        if (!expired && !expiring) {
            return Optional.empty();
        }
        if (certificate.authority()) {
            return Optional.of(ExpiryWarning.Kind.AUTHORITY);
        }
        return Optional.of(expired ? ExpiryWarning.Kind.EXPIRED : ExpiryWarning.Kind.EXPIRING);
    }

    private static ExpiryWarning warning(String host, ExpiryWarning.Kind kind, List<CheckedCertificate> certificates, CertificateReport report,
                                         int days, String problem) {
        return new ExpiryWarning(host, kind, certificates, report.version(), days, report.server(), problem);
    }
}
