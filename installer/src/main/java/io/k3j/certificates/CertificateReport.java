package io.k3j.certificates;

import io.k3j.inventory.K3sVersion;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a host said when asked for its K3s certificates: the first line of {@code k3s --version},
 * then {@code k3s certificate check}'s log (logrus' text format, {@code time="…" level=info
 * msg="…"}; pkg/cli/cert/cert.go check and TextFormatter), then {@value #EXITED} and its exit
 * status. Both wordings of the check are read: {@code <file>: certificate <CN> (<usages>) is ok,
 * expires at <RFC 3339>} (from May 2025, k3s-io/k3s#12049) and {@code <path>: certificate
 * CN=<cn>,O=<o> is ok, expires at …} (k3s-io/k3s PR #9772, April 2024), each also
 * {@code will expire within N days at}, {@code expired at} and {@code is not valid before}.
 */
public record CertificateReport(Optional<K3sVersion> version, boolean server, List<CheckedCertificate> certificates, int exitStatus,
                                String lastLine) {
    /** The line the script prints after the check, with its exit status. */
    public static final String EXITED = "k3j: certificate check exited ";
    /** The line the script prints instead when the host has no K3s binary. */
    public static final String NO_K3S = "k3j: no k3s";

    private static final Pattern VERSION = Pattern.compile("\\S+ version (v\\S+)(?: .*)?");
    private static final Pattern LOGRUS = Pattern.compile(".*\\blevel=\\w+ msg=\"((?:[^\"\\\\]|\\\\.)*)\".*");
    private static final Pattern TERMINAL = Pattern.compile("(?:INFO|WARN|ERRO)\\[\\d+\\] (.*)");
    private static final Pattern CERTIFICATE = Pattern.compile("(\\S+): certificate (.+?)(?: \\(([A-Za-z,]*)\\))? "
            + "(is ok, expires at|will expire within \\d+ days at|expired at|is not valid before) (\\S+)");

    /** Whether the check ran to its end. */
    public boolean read() {
        return exitStatus == 0;
    }

    /** The script's output; empty when the host has no K3s yet. */
    public static Optional<CertificateReport> parse(String output) {
        List<String> lines = output.lines().map(String::strip).toList();
        if (lines.contains(NO_K3S)) {
            return Optional.empty();
        }
        Optional<K3sVersion> version = lines.stream().findFirst().map(VERSION::matcher).filter(Matcher::matches)
                .flatMap(matcher -> K3sVersion.parse(matcher.group(1)));
        int exit = lines.stream().filter(line -> line.startsWith(EXITED)).map(line -> line.substring(EXITED.length()))
                .filter(status -> status.matches("\\d{1,3}")).map(Integer::parseInt).findFirst().orElse(-1);
        List<String> messages = lines.stream().map(CertificateReport::message).flatMap(Optional::stream).toList();
        List<CheckedCertificate> certificates = new ArrayList<>();
        messages.forEach(message -> certificate(message).ifPresent(certificates::add));
        String last = lines.stream().filter(line -> !line.isEmpty() && !line.startsWith(EXITED)).reduce((first, second) -> second)
                .map(line -> message(line).orElse(line)).orElse("");
        return Optional.of(new CertificateReport(version, messages.stream().anyMatch(message -> message.startsWith("Server detected")),
                List.copyOf(certificates), exit, last));
    }

    /** A log line's message, unquoted as logrus quotes it; empty for a line that is not K3s' log. */
    private static Optional<String> message(String line) {
        Matcher logrus = LOGRUS.matcher(line);
        if (logrus.matches()) {
            return Optional.of(logrus.group(1).replaceAll("\\\\(.)", "$1"));
        }
        Matcher terminal = TERMINAL.matcher(line);
        return terminal.matches() ? Optional.of(terminal.group(1).strip()) : Optional.empty();
    }

    private static Optional<CheckedCertificate> certificate(String message) {
        Matcher matcher = CERTIFICATE.matcher(message);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<Instant> time = instant(matcher.group(5));
        List<String> usages = matcher.group(3) == null || matcher.group(3).isEmpty() ? List.of() : Arrays.asList(matcher.group(3).split(","));
        return time.map(at -> new CheckedCertificate(matcher.group(1), matcher.group(2), List.copyOf(usages), said(matcher.group(4)), at));
    }

    private static CheckedCertificate.Said said(String words) {
        if (words.startsWith("is ok")) {
            return CheckedCertificate.Said.OK;
        } else if (words.startsWith("will expire")) {
            return CheckedCertificate.Said.EXPIRING;
        }
        return words.startsWith("expired") ? CheckedCertificate.Said.EXPIRED : CheckedCertificate.Said.NOT_YET_VALID;
    }

    /** Go's RFC 3339 ({@code 2026-12-02T05:00:00Z}, or with the host's offset). */
    private static Optional<Instant> instant(String text) {
        try {
            return Optional.of(OffsetDateTime.parse(text).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
