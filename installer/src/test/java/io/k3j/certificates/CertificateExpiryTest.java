package io.k3j.certificates;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CertificateExpiryTest {
    private static final Instant NOW = Instant.parse("2026-12-02T05:10:00Z");

    private static String report(String version, String... lines) {
        StringBuilder text = new StringBuilder("k3s version " + version + " (abc)\n"
                + "time=\"x\" level=info msg=\"Server detected, checking agent and server certificates\"\n");
        for (String line : lines) {
            text.append("time=\"x\" level=info msg=\"").append(line).append("\"\n");
        }
        return text.append(CertificateReport.EXITED).append("0\n").toString();
    }

    private static List<ExpiryWarning> warnings(String text) {
        return CertificateExpiry.warnings("198.51.100.11", CertificateReport.parse(text).orElseThrow(), NOW);
    }

    @Test
    void theDoublesAgedServerWarnsOnceNamingEachLeafItsDateAndWhatToDo() {
        List<ExpiryWarning> warnings = warnings(CertificateReportTest.DOUBLE_SERVER);

        assertThat(warnings).hasSize(1);
        ExpiryWarning warning = warnings.get(0);
        assertThat(warning.kind()).isEqualTo(ExpiryWarning.Kind.EXPIRING);
        assertThat(warning.renewalDays()).isEqualTo(90);
        assertThat(warning.message("inventory.yaml")).isEqualTo("198.51.100.11: K3s certificates expire within the 90 days before "
                + "expiry in which K3s v1.31.4+k3s1 renews them at start: client-admin.crt (system:admin) at 2027-02-05T05:09:00Z, "
                + "serving-kube-apiserver.crt (k3s) at 2027-02-05T05:09:01Z. k3s renews them at its next start ('systemctl restart "
                + "k3s' on the host), or 'k3j-install certificates rotate inventory.yaml --hosts 198.51.100.11' rotates them now");
    }

    @Test
    void theWindowIsTheHostsK3sOne() {
        String in100Days = "client-admin.crt: certificate system:admin (ClientAuth) is ok, expires at 2027-03-12T05:10:00Z";

        assertThat(warnings(report("v1.31.8+k3s1", in100Days))).as("90 days before v1.31.9").isEmpty();
        assertThat(warnings(report("v1.31.9+k3s1", in100Days))).singleElement()
                .satisfies(warning -> assertThat(warning.renewalDays()).isEqualTo(120));
    }

    @Test
    void expiredLeavesAuthoritiesAndEarlyOnesEachHaveTheirOwnWarning() {
        List<ExpiryWarning> warnings = warnings(report("v1.31.4+k3s1",
                "client-admin.crt: certificate system:admin (ClientAuth) expired at 2026-12-01T00:00:00Z",
                "client-admin.crt: certificate k3s-client-ca@1 (CertSign) will expire within 90 days at 2027-01-01T00:00:00Z",
                "serving-kube-apiserver.crt: certificate k3s (ServerAuth) is not valid before 2026-12-03T00:00:00Z",
                "client-kubelet.crt: certificate system:node:a (ClientAuth) is ok, expires at 2027-11-30T00:00:00Z"));

        assertThat(warnings).extracting(ExpiryWarning::kind).containsExactly(ExpiryWarning.Kind.EXPIRED, ExpiryWarning.Kind.AUTHORITY,
                ExpiryWarning.Kind.NOT_YET_VALID);
        assertThat(warnings.get(0).message("i.yaml")).contains("client-admin.crt (system:admin) at 2026-12-01T00:00:00Z")
                .contains("is refused now");
        assertThat(warnings.get(1).message("i.yaml")).contains("K3s does not renew a CA at start").contains("rotate-ca");
        assertThat(warnings.get(2).message("i.yaml")).contains("from 2026-12-03T00:00:00Z").contains("timedatectl");
    }

    @Test
    void withoutAVersionK3sOwnWordDecides() {
        String text = CertificateReportTest.DOUBLE_SERVER.replace("k3s version v1.31.4+k3s1 (a3f8e3a6)", "something else");

        assertThat(warnings(text)).singleElement().satisfies(warning -> assertThat(warning.kind()).isEqualTo(ExpiryWarning.Kind.EXPIRING));
    }

    @Test
    void aCheckThatFailedIsAWarningOfItsOwn() {
        List<ExpiryWarning> warnings = warnings("k3s version v1.27.6+k3s1 (a)\nNo help topic for 'check'\n"
                + CertificateReport.EXITED + "3\n");

        assertThat(warnings).singleElement().satisfies(warning -> assertThat(warning.message("i.yaml"))
                .startsWith("198.51.100.11: the expiry of K3s' certificates could not be read: 'k3s certificate check' exited 3: "
                        + "No help topic for 'check'"));
    }
}
