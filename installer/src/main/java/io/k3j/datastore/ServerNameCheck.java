package io.k3j.datastore;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/**
 * Whether a server certificate names the host K3s dials, as Go's x509 VerifyHostname decides it
 * (kine's TLS): an address against the IP SANs, a name against the DNS SANs ({@code *.} for one
 * leftmost label, any case), never the common name.
 */
final class ServerNameCheck {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private ServerNameCheck() {
    }

    /** The certificate does not name the host: what it names instead. */
    static final class NameMismatch extends CertificateException {
        NameMismatch(String message) {
            super(message);
        }
    }

    static void check(X509Certificate certificate, String host) throws CertificateException {
        boolean address = isAddress(host);
        List<String> names = subjectAlternativeNames(certificate, address ? IP_ADDRESS : DNS_NAME);
        if (names.stream().noneMatch(name -> address ? sameAddress(name, host) : matches(name, host))) {
            throw new NameMismatch("the certificate is valid for " + (names.isEmpty() ? "no " + (address ? "IP address" : "DNS name")
                    : String.join(", ", names)) + ", not " + host);
        }
    }

    private static List<String> subjectAlternativeNames(X509Certificate certificate, int type) throws CertificateParsingException {
        Collection<List<?>> all = certificate.getSubjectAlternativeNames();
        return all == null ? List.of() : all.stream().filter(san -> (Integer) san.get(0) == type).map(san -> (String) san.get(1)).toList();
    }

    private static boolean matches(String pattern, String host) {
        String name = pattern.toLowerCase(Locale.ROOT);
        String wanted = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = wanted.indexOf('.');
            return dot > 0 && wanted.substring(dot).equals(name.substring(1));
        }
        return name.equals(wanted);
    }

    private static boolean isAddress(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
