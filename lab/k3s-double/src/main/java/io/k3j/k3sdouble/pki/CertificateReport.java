package io.k3j.k3sdouble.pki;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.x500.X500Principal;

/**
 * The lines of {@code k3s certificate check}'s text output (pkg/cli/cert/cert.go TextFormatter):
 * one per certificate in each file, the CA after its leaf, at the level the status gives.
 */
public final class CertificateReport {
    private static final DateTimeFormatter RFC3339 = DateTimeFormatter.ISO_INSTANT;

    /** A certificate as found in a file. */
    public record Entry(String filename, X509Certificate certificate) {
    }

    /** A log line: {@code level} is logrus' (info, warning, error). */
    public record Line(String level, String message) {
    }

    private CertificateReport() {
    }

    public static List<Line> lines(List<Entry> entries, Instant now, int renewDays) {
        List<Line> lines = new ArrayList<>();
        for (Entry entry : entries) {
            X509Certificate certificate = entry.certificate();
            String what = entry.filename() + ": certificate " + commonName(certificate) + " (" + String.join(",", usages(certificate)) + ")";
            switch (CertificateStatus.of(certificate, now, renewDays)) {
                case NOT_YET_VALID -> lines.add(new Line("error", what + " is not valid before " + time(certificate.getNotBefore().toInstant())));
                case EXPIRED -> lines.add(new Line("error", what + " expired at " + time(certificate.getNotAfter().toInstant())));
                case WARNING -> lines.add(new Line("warning", what + " will expire within " + renewDays + " days at "
                        + time(certificate.getNotAfter().toInstant())));
                case OK -> lines.add(new Line("info", what + " is ok, expires at " + time(certificate.getNotAfter().toInstant())));
            }
        }
        return lines;
    }

    /** pkg/util GetCertUsages: CertSign for a CA, then ServerAuth and ClientAuth from the extended key usages. */
    static List<String> usages(X509Certificate certificate) {
        List<String> usages = new ArrayList<>();
        boolean[] keyUsage = certificate.getKeyUsage();
        if (keyUsage != null && keyUsage.length > 5 && keyUsage[5]) {
            usages.add("CertSign");
        }
        try {
            List<String> extended = certificate.getExtendedKeyUsage();
            for (String oid : extended == null ? List.<String>of() : extended) {
                if (oid.equals("1.3.6.1.5.5.7.3.1")) {
                    usages.add("ServerAuth");
                } else if (oid.equals("1.3.6.1.5.5.7.3.2")) {
                    usages.add("ClientAuth");
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no readable extended key usage: none listed
        }
        return usages;
    }

    static String commonName(X509Certificate certificate) {
        String name = certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
        for (String part : name.split(",")) {
            if (part.startsWith("CN=")) {
                return part.substring(3);
            }
        }
        return "";
    }

    private static String time(Instant instant) {
        return RFC3339.format(instant.truncatedTo(ChronoUnit.SECONDS));
    }
}
