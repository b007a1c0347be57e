package io.k3j.cli;

import io.k3j.apply.HostReport;
import io.k3j.certificates.ExpiryWarning;
import io.k3j.output.Output;
import java.nio.file.Path;
import java.util.List;

/**
 * The certificate warnings a plan or an apply found on the hosts: a warning line each for people
 * (host, files, dates, what to do), a {@code certificate-warning} event each with the same in fields for CI.
 */
final class CertificateWarnings {

    private CertificateWarnings() {
    }

    static void show(Output output, List<HostReport> reports, Path inventory) {
        List<ExpiryWarning> warnings = reports.stream().flatMap(report -> report.outcomes().stream())
                .flatMap(outcome -> outcome.warnings().stream()).toList();
        for (ExpiryWarning warning : warnings) {
            if (output.json()) {
                output.event("certificate-warning", warning.eventFields(inventory.toString()));
            } else {
                output.warning(warning.message(inventory.toString()));
            }
        }
    }
}
