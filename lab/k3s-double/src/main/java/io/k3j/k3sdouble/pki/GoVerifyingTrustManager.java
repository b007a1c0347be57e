package io.k3j.k3sdouble.pki;

import java.net.InetAddress;
import java.net.Socket;
import java.net.UnknownHostException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Verifies a server's certificate as Go's crypto/tls does for a client (x509 Verify, then
 * VerifyHostname against the address dialled), failing with Go's words so the double's log reads
 * like K3s': {@code x509: certificate signed by unknown authority}, {@code x509: certificate is
 * valid for A, B, not C}, {@code x509: cannot validate certificate for IP because it doesn't
 * contain any IP SANs} (crypto/x509 verify.go UnknownAuthorityError, HostnameError).
 */
final class GoVerifyingTrustManager extends X509ExtendedTrustManager {
    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private final X509TrustManager roots;
    /** The host the client dialled, when the driver does not give it to the TLS socket (MariaDB's); else null. */
    private final String dialled;

    GoVerifyingTrustManager(X509TrustManager roots, String dialled) {
        this.roots = roots;
        this.dialled = dialled;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        verify(chain, authType, dialled != null ? dialled : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        verify(chain, authType, dialled != null ? dialled : ((SSLSocket) socket).getHandshakeSession().getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("x509: the server's address is needed to verify its certificate");
    }

    private void verify(X509Certificate[] chain, String authType, String host) throws CertificateException {
        try {
            roots.checkServerTrusted(chain, authType);
        } catch (CertificateException e) {
            throw new CertificateException("x509: certificate signed by unknown authority", e);
        }
        if (host == null) {
            throw new CertificateException("x509: the address dialled is unknown, so the certificate's names cannot be checked");
        }
        String mismatch = hostnameMismatch(chain[0], host);
        if (mismatch != null) {
            throw new CertificateException(mismatch);
        }
    }

    /** Go's HostnameError text when {@code certificate} is not valid for {@code host}, else null. */
    static String hostnameMismatch(X509Certificate certificate, String host) throws CertificateParsingException {
        List<String> names = sans(certificate, DNS_NAME);
        List<String> ips = sans(certificate, IP_ADDRESS);
        if (CertificateAuthority.isIp(host)) {
            if (ips.isEmpty()) {
                return "x509: cannot validate certificate for " + host + " because it doesn't contain any IP SANs";
            }
            return ips.stream().anyMatch(ip -> sameAddress(ip, host)) ? null
                    : "x509: certificate is valid for " + String.join(", ", ips) + ", not " + host;
        }
        if (names.stream().anyMatch(name -> matches(name, host))) {
            return null;
        }
        return names.isEmpty() ? "x509: certificate is not valid for any names, but wanted to match " + host
                : "x509: certificate is valid for " + String.join(", ", names) + ", not " + host;
    }

    private static List<String> sans(X509Certificate certificate, int type) throws CertificateParsingException {
        List<String> values = new ArrayList<>();
        Collection<List<?>> all = certificate.getSubjectAlternativeNames();
        if (all != null) {
            all.stream().filter(san -> (Integer) san.get(0) == type).map(san -> (String) san.get(1)).forEach(values::add);
        }
        return values;
    }

    /** A DNS SAN matches case-insensitively; {@code *.} stands for exactly one leftmost label. */
    private static boolean matches(String pattern, String host) {
        String name = pattern.toLowerCase(Locale.ROOT);
        String wanted = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = wanted.indexOf('.');
            return dot > 0 && wanted.substring(dot).equals(name.substring(1));
        }
        return name.equals(wanted);
    }

    private static boolean sameAddress(String a, String b) {
        try {
            return InetAddress.getByName(a).equals(InetAddress.getByName(b));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        throw new CertificateException("a datastore client does not verify clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        throw new CertificateException("a datastore client does not verify clients");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a datastore client does not verify clients");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return roots.getAcceptedIssuers();
    }
}
