package io.k3j.pki;

import io.k3j.inventory.IpLiteral;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * The names a kept serving certificate holds (its IP and DNS SANs), so one made for other
 * datastore hosts (a host added to provision.hosts after it was made) is found before any host
 * is touched, not as a failed TLS handshake between the members.
 */
public final class ServingNames {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServingNames() {
    }

    /** Those of {@code wanted} (addresses and names) that {@code certificate} does not name. */
    public static List<String> missing(Path certificate, List<String> wanted) {
        List<List<?>> sans = subjectAlternativeNames(certificate);
        return wanted.stream().filter(name -> sans.stream().noneMatch(san -> names(san, name))).toList();
    }

    /** Whether {@code san} names {@code wanted}; a SAN of another type (its value not text: Java gives those as DER bytes) never does. */
    private static boolean names(List<?> san, String wanted) {
        if (!(san.get(0) instanceof Integer type) || !(san.get(1) instanceof String value)) {
            return false;
        }
        if (IpLiteral.is(wanted)) {
            return type == IP_ADDRESS && sameAddress(value, wanted);
        }
        return type == DNS_NAME && value.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT));
    }

    /** Two IP literals (never looked up: both are literals) for the same address, however written. */
    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static List<List<?>> subjectAlternativeNames(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            X509Certificate certificate = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
            Collection<List<?>> all = certificate.getSubjectAlternativeNames();
            return all == null ? List.of() : List.copyOf(all);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (CertificateException e) {
            throw new IllegalStateException(file + " holds no certificate k3j-install can read: " + e.getMessage()
                    + "; remove its folder, and the next plan or apply makes new certificates", e);
        }
    }
}
