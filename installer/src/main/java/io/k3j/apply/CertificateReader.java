package io.k3j.apply;

import io.k3j.certificates.CertificateExpiry;
import io.k3j.certificates.CertificateReport;
import io.k3j.certificates.CheckedCertificate;
import io.k3j.certificates.ExpiryWarning;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Reads a host's K3s certificates ({@code k3s certificate check}, with {@code k3s --version} for the
 * renewal window of the K3s there), in a plan as in an apply, and says what needs the operator
 * ({@link CertificateExpiry}). A read only: nothing on the host changes, and nothing it finds fails the step.
 */
final class CertificateReader {
    private static final String K3S = Shell.quote(Paths.K3S_BINARY);
    static final String SCRIPT = "[ -x " + K3S + " ] || { echo '" + CertificateReport.NO_K3S + "'; exit 0; }\n"
            + K3S + " --version 2>&1 | head -n 1\n"
            + K3S + " certificate check 2>&1\n"
            + "echo \"" + CertificateReport.EXITED + "$?\"\n";

    private final ApplyContext context;

    CertificateReader(ApplyContext context) {
        this.context = context;
    }

    HostApplier.Result read(RemoteHost host, String address) {
        ExecResult result = RemoteShell.run(host, SCRIPT);
        if (!result.ok()) {
            throw new ClusterChecks.CheckFailed("the certificates could not be read: " + HostApplier.lastLines(result.stderr()),
                    "run '" + Paths.K3S_BINARY + " certificate check' on the host");
        }
        Optional<CertificateReport> report = CertificateReport.parse(result.stdout());
        if (report.isEmpty()) {
            return new HostApplier.Result(Change.TO_CHECK, "no K3s on the host yet: its certificates are read once it runs");
        }
        List<ExpiryWarning> warnings = CertificateExpiry.warnings(address, report.get(), context.clock().instant());
        // Quiet when all is well, so a plan after an apply still says "Nothing to do"; a check line with the warnings otherwise.
        return new HostApplier.Result(warnings.isEmpty() ? Change.UNCHANGED : Change.CHECKED, detail(report.get(), warnings),
                Optional.empty(), Optional.empty(), List.of(), warnings);
    }

    private static String detail(CertificateReport report, List<ExpiryWarning> warnings) {
        if (!report.read()) {
            return "'k3s certificate check' failed (see the warning)";
        }
        Optional<CheckedCertificate> first = report.certificates().stream().filter(certificate -> !certificate.authority())
                .min(Comparator.comparing(CheckedCertificate::time));
        String next = first.map(certificate -> "; the first to expire: " + certificate.file() + " at " + certificate.time()).orElse("");
        return report.certificates().size() + " certificates read" + next
                + (warnings.isEmpty() ? "" : "; " + warnings.size() + (warnings.size() == 1 ? " warning" : " warnings"));
    }
}
