package io.k3j.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.K3sVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The check's output as the K3s double prints it (its CertificateReport, the May 2025 wording) and as K3s printed it from April 2024. */
class CertificateReportTest {
    /** A server of the double's v1.31.4 release, its certificates issued 300 days ago (K3S_DOUBLE_CERT_BACKDATE_DAYS=300). */
    static final String DOUBLE_SERVER = """
            k3s version v1.31.4+k3s1 (a3f8e3a6)
            time="2026-12-02T05:10:00Z" level=info msg="Server detected, checking agent and server certificates"
            time="2026-12-02T05:10:00Z" level=warning msg="client-admin.crt: certificate system:admin (ClientAuth) will expire within 90 days at 2027-02-05T05:09:00Z"
            time="2026-12-02T05:10:00Z" level=info msg="client-admin.crt: certificate k3s-client-ca@1764652140 (CertSign) is ok, expires at 2035-11-30T05:09:00Z"
            time="2026-12-02T05:10:00Z" level=warning msg="serving-kube-apiserver.crt: certificate k3s (ServerAuth) will expire within 90 days at 2027-02-05T05:09:01Z"
            time="2026-12-02T05:10:00Z" level=info msg="serving-kube-apiserver.crt: certificate k3s-server-ca@1764652140 (CertSign) is ok, expires at 2035-11-30T05:09:00Z"
            k3j: certificate check exited 0
            """;

    @Test
    void readsTheDoublesCheckLineByLine() {
        CertificateReport report = CertificateReport.parse(DOUBLE_SERVER).orElseThrow();

        assertThat(report.version()).contains(K3sVersion.parse("v1.31.4+k3s1").orElseThrow());
        assertThat(report.server()).isTrue();
        assertThat(report.read()).isTrue();
        assertThat(report.certificates()).containsExactly(
                new CheckedCertificate("client-admin.crt", "system:admin", List.of("ClientAuth"), CheckedCertificate.Said.EXPIRING,
                        Instant.parse("2027-02-05T05:09:00Z")),
                new CheckedCertificate("client-admin.crt", "k3s-client-ca@1764652140", List.of("CertSign"), CheckedCertificate.Said.OK,
                        Instant.parse("2035-11-30T05:09:00Z")),
                new CheckedCertificate("serving-kube-apiserver.crt", "k3s", List.of("ServerAuth"), CheckedCertificate.Said.EXPIRING,
                        Instant.parse("2027-02-05T05:09:01Z")),
                new CheckedCertificate("serving-kube-apiserver.crt", "k3s-server-ca@1764652140", List.of("CertSign"),
                        CheckedCertificate.Said.OK, Instant.parse("2035-11-30T05:09:00Z")));
        assertThat(report.certificates()).extracting(CheckedCertificate::authority).containsExactly(false, true, false, true);
    }

    @Test
    void readsTheAprilTwentyFourWordingOnAnAgentWithOffsetsAndQuotes() {
        String agent = """
                k3s version v1.29.4+k3s1 (94e29e2e)
                time="2024-04-10T10:00:00+02:00" level=info msg="Agent detected, checking agent certificates"
                time="2024-04-10T10:00:00+02:00" level=info msg="Checking certificates for kubelet"
                time="2024-04-10T10:00:00+02:00" level=error msg="/var/lib/rancher/k3s/agent/client-kubelet.crt: certificate CN=system:node:w\\"1,O=system:nodes expired at 2024-04-01T22:22:23+02:00"
                time="2024-04-10T10:00:00+02:00" level=info msg="/var/lib/rancher/k3s/agent/client-kubelet.crt: certificate CN=k3s-client-ca@1711405330 is ok, expires at 2034-03-23T22:22:10Z"
                time="2024-04-10T10:00:00+02:00" level=error msg="/var/lib/rancher/k3s/agent/serving-kubelet.crt: certificate CN=w1 is not valid before 2024-05-01T00:00:00Z"
                k3j: certificate check exited 0
                """;

        CertificateReport report = CertificateReport.parse(agent).orElseThrow();

        assertThat(report.server()).isFalse();
        assertThat(report.certificates()).containsExactly(
                new CheckedCertificate("/var/lib/rancher/k3s/agent/client-kubelet.crt", "CN=system:node:w\"1,O=system:nodes", List.of(),
                        CheckedCertificate.Said.EXPIRED, Instant.parse("2024-04-01T20:22:23Z")),
                new CheckedCertificate("/var/lib/rancher/k3s/agent/client-kubelet.crt", "CN=k3s-client-ca@1711405330", List.of(),
                        CheckedCertificate.Said.OK, Instant.parse("2034-03-23T22:22:10Z")),
                new CheckedCertificate("/var/lib/rancher/k3s/agent/serving-kubelet.crt", "CN=w1", List.of(),
                        CheckedCertificate.Said.NOT_YET_VALID, Instant.parse("2024-05-01T00:00:00Z")));
        assertThat(report.certificates()).extracting(CheckedCertificate::authority).containsExactly(false, true, false);
    }

    @Test
    void aCheckThatFailedSaysHowAndAHostWithoutK3sHasNoReport() {
        CertificateReport failed = CertificateReport.parse("""
                k3s version v1.27.6+k3s1 (bd04941a)
                No help topic for 'check'
                k3j: certificate check exited 3
                """).orElseThrow();

        assertThat(failed.read()).isFalse();
        assertThat(failed.exitStatus()).isEqualTo(3);
        assertThat(failed.lastLine()).isEqualTo("No help topic for 'check'");
        assertThat(failed.certificates()).isEmpty();
        assertThat(CertificateReport.parse(CertificateReport.NO_K3S + "\n")).isEmpty();
        assertThat(CertificateReport.parse("k3s version v1.31.4+k3s1 (a)\n").orElseThrow().read()).as("cut short: no exit line").isFalse();
    }
}
