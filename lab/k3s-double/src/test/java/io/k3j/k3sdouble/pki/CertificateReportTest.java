package io.k3j.k3sdouble.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The lines of `k3s certificate check` (pkg/cli/cert/cert.go TextFormatter). */
class CertificateReportTest {
    private static final Instant ISSUED = Instant.parse("2026-06-01T00:00:00Z");

    @Test
    void eachCertificateOfAFileIsReportedWithItsSubjectUsagesAndExpiry() {
        CertificateAuthority ca = CertificateAuthority.create("k3s-client-ca", Instant.parse("2026-06-01T00:00:00Z"));
        CertificateAuthority serverCa = CertificateAuthority.create("k3s-server-ca", ISSUED);
        List<CertificateReport.Entry> entries = List.of(
                new CertificateReport.Entry("client-admin.crt", ca.issueClient("system:admin", "system:masters", ISSUED).certificate()),
                new CertificateReport.Entry("client-admin.crt", ca.certificate()),
                new CertificateReport.Entry("serving-kube-apiserver.crt",
                        serverCa.issueServing("k3s", List.of("localhost"), List.of("127.0.0.1"), ISSUED.minus(Duration.ofDays(300))).certificate()),
                new CertificateReport.Entry("client-kubelet.crt",
                        ca.issueClient("system:node:worker1", "system:nodes", ISSUED.minus(Duration.ofDays(400))).certificate()));

        assertThat(CertificateReport.lines(entries, ISSUED, 90)).containsExactly(
                new CertificateReport.Line("info", "client-admin.crt: certificate system:admin (ClientAuth) is ok, expires at 2027-06-01T00:00:00Z"),
                new CertificateReport.Line("info", "client-admin.crt: certificate k3s-client-ca@1780272000 (CertSign) is ok, expires at 2036-05-29T00:00:00Z"),
                new CertificateReport.Line("warning", "serving-kube-apiserver.crt: certificate k3s (ServerAuth) will expire within 90 days at "
                        + "2026-08-05T00:00:00Z"),
                new CertificateReport.Line("error", "client-kubelet.crt: certificate system:node:worker1 (ClientAuth) expired at 2026-04-27T00:00:00Z"));
    }
}
