package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.KeptCertificate;
import io.k3j.k3sdouble.pki.LeafFile;
import io.k3j.k3sdouble.pki.RenewalPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A server's leaf certificates, kept under {@code server/tls} and renewed at start as K3s renews
 * them ({@link KeptCertificate}): the 6443 serving certificate (CN {@code k3s}, as K3s' listener
 * names it; issued again with its key when the names it must cover change) and the admin client
 * certificate the kubeconfig embeds ({@code system:admin} in {@code system:masters}).
 */
final class ServerCertificates {
    private static final int DNS = 2;
    private static final int IP = 7;

    private ServerCertificates() {
    }

    static CertificateAuthority.Issued serving(Path dataDir, ClusterSecrets secrets, RenewalPolicy policy, List<String> dnsNames,
                                               List<String> addresses, Instant now) throws IOException {
        CertificateAuthority ca = secrets.serverCa();
        return KeptCertificate.ensure(dataDir, LeafFile.SERVING, ca, policy, now,
                certificate -> names(certificate).equals(wanted(dnsNames, addresses)),
                (issuedAt, keys) -> ca.issueServing("k3s", dnsNames, addresses, issuedAt, keys));
    }

    static CertificateAuthority.Issued admin(Path dataDir, ClusterSecrets secrets, RenewalPolicy policy, Instant now) throws IOException {
        CertificateAuthority ca = secrets.clientCa();
        return KeptCertificate.ensure(dataDir, LeafFile.ADMIN, ca, policy, now, certificate -> true,
                (issuedAt, keys) -> ca.issueClient("system:admin", "system:masters", issuedAt, keys));
    }

    /** The certificate's DNS and IP names, IPs in one form ("::1", not "0:0:0:0:0:0:0:1"). */
    static Set<String> names(X509Certificate certificate) {
        Set<String> names = new HashSet<>();
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            for (List<?> name : alternatives == null ? List.<List<?>>of() : alternatives) {
                int type = (Integer) name.get(0);
                if (type == DNS) {
                    names.add("DNS:" + name.get(1));
                } else if (type == IP) {
                    names.add("IP:" + normalised(String.valueOf(name.get(1))));
                }
            }
        } catch (CertificateParsingException e) {
            return Set.of();
        }
        return names;
    }

    static Set<String> wanted(List<String> dnsNames, List<String> addresses) {
        Set<String> names = new HashSet<>();
        dnsNames.forEach(dns -> names.add("DNS:" + dns));
        addresses.forEach(ip -> names.add("IP:" + normalised(ip)));
        return names;
    }

    private static String normalised(String ip) {
        try {
            return InetAddress.getByName(ip).getHostAddress();
        } catch (UnknownHostException e) {
            return ip;
        }
    }
}
