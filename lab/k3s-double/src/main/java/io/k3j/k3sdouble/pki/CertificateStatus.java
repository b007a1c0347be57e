package io.k3j.k3sdouble.pki;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;

/**
 * A certificate's state as {@code k3s certificate check} reports it (pkg/util GetCertStatus):
 * not yet valid, expired, within the renewal window (WARNING), or OK.
 */
public enum CertificateStatus {
    OK("OK"), WARNING("WARNING"), EXPIRED("EXPIRED"), NOT_YET_VALID("NOT YET VALID");

    private final String text;

    CertificateStatus(String text) {
        this.text = text;
    }

    public String text() {
        return text;
    }

    public static CertificateStatus of(X509Certificate certificate, Instant now, int renewDays) {
        if (now.isBefore(certificate.getNotBefore().toInstant())) {
            return NOT_YET_VALID;
        }
        Instant notAfter = certificate.getNotAfter().toInstant();
        if (now.isAfter(notAfter)) {
            return EXPIRED;
        }
        return now.plus(Duration.ofDays(renewDays)).isAfter(notAfter) ? WARNING : OK;
    }
}
