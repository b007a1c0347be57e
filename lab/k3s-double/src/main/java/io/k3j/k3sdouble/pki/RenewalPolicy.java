package io.k3j.k3sdouble.pki;

import io.k3j.k3sdouble.ReleaseFeatures;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * When a kept leaf certificate is renewed at start, and how old a new one is made.
 * K3s renews a certificate that its CA no longer verifies, or that expires within
 * {@code renewDays} (pkg/daemons/control/deps expiredCert, certutil.IsCertExpired: 90 days, 120
 * from the May 2025 releases, {@link ReleaseFeatures}). {@code backdate} is the double's own knob
 * {@code K3S_DOUBLE_CERT_BACKDATE_DAYS}: certificates it issues start that many days in the past,
 * so a lab's certificates are as old as a test needs (near expiry, or expired).
 */
public record RenewalPolicy(int renewDays, Duration backdate) {
    public static final String BACKDATE_VARIABLE = "K3S_DOUBLE_CERT_BACKDATE_DAYS";

    public static RenewalPolicy of(String version, Map<String, String> environment) {
        String days = environment.getOrDefault(BACKDATE_VARIABLE, "0");
        try {
            return new RenewalPolicy(ReleaseFeatures.certificateRenewDays(version), Duration.ofDays(Long.parseLong(days.strip())));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(BACKDATE_VARIABLE + " must be a whole number of days, not '" + days + "'");
        }
    }

    /** The time a certificate issued {@code now} is issued at. */
    public Instant issueTime(Instant now) {
        return now.minus(backdate);
    }

    public boolean needsRenewal(X509Certificate leaf, X509Certificate ca, Instant now) {
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            return true;
        }
        return CertificateStatus.of(leaf, now, renewDays) != CertificateStatus.OK;
    }
}
