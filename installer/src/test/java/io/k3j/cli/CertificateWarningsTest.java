package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ActionOutcome;
import io.k3j.apply.Change;
import io.k3j.apply.HostReport;
import io.k3j.certificates.CertificateExpiry;
import io.k3j.certificates.CertificateReport;
import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.Step;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CertificateWarningsTest {
    private static final String REPORT = """
            k3s version v1.31.4+k3s1 (a)
            time="t" level=info msg="Agent detected, checking agent certificates"
            time="t" level=error msg="client-kubelet.crt: certificate system:node:w1 (ClientAuth) expired at 2026-11-30T00:00:00Z"
            k3j: certificate check exited 0
            """;

    private static List<HostReport> reports() {
        ActionOutcome read = new ActionOutcome("read K3s' certificates", Change.CHECKED, "1 certificates read", Duration.ZERO, Optional.empty(),
                List.of(), CertificateExpiry.warnings("198.51.100.31", CertificateReport.parse(REPORT).orElseThrow(),
                Instant.parse("2026-12-02T00:00:00Z")));
        return List.of(new HostReport(Step.NODES, "198.51.100.31", "worker", List.of(read), Duration.ZERO));
    }

    @Test
    void aWarningLineForPeopleOnStderr() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        CertificateWarnings.show(new Output(new PrintWriter(out), new PrintWriter(err), false, 0, new Style(false)), reports(),
                Path.of("inventory.yaml"));

        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).isEqualTo("warning: 198.51.100.31: K3s certificate has expired: client-kubelet.crt (system:node:w1) at "
                + "2026-11-30T00:00:00Z; whoever presents it is refused now. k3s-agent renews it at its next start ('systemctl restart "
                + "k3s-agent' on the host), or 'k3j-install certificates rotate inventory.yaml --hosts 198.51.100.31' rotates it now\n");
    }

    @Test
    void anEventWithTheSameInFieldsForCi() {
        StringWriter out = new StringWriter();

        CertificateWarnings.show(new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), true, 0, new Style(false)), reports(),
                Path.of("inventory.yaml"));

        assertThat(out.toString()).startsWith("{\"event\":\"certificate-warning\",\"host\":\"198.51.100.31\",\"kind\":\"expired\","
                + "\"unit\":\"k3s-agent\",\"k3s_version\":\"v1.31.4+k3s1\",\"renewal_days\":90,\"certificates\":[{\"file\":"
                + "\"client-kubelet.crt\",\"subject\":\"system:node:w1\",\"expires\":\"2026-11-30T00:00:00Z\"}],\"message\":\"198.51.100.31: ");
    }
}
