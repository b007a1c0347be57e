package io.k3j.k3sdouble.pki;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A leaf certificate kept in its {@link LeafFile} across restarts, as K3s keeps its own: at start a
 * missing one is issued with a new key, one the policy says is due (or that no longer fits, e.g. a
 * new tls-san) is issued again with the same key (docs.k3s.io cli/certificate: "this renewal reuses
 * the existing keys"), any other is used as it is.
 */
public final class KeptCertificate {

    /** Issues the certificate at {@code issuedAt} for {@code keys}. */
    public interface Issuer {
        CertificateAuthority.Issued issue(Instant issuedAt, KeyPair keys);
    }

    private KeptCertificate() {
    }

    public static CertificateAuthority.Issued ensure(Path dataDir, LeafFile file, CertificateAuthority ca, RenewalPolicy policy,
                                                     Instant now, Predicate<X509Certificate> fits, Issuer issuer) throws IOException {
        Optional<CertificateAuthority.Issued> kept = read(dataDir, file);
        if (kept.isPresent() && fits.test(kept.get().certificate()) && !policy.needsRenewal(kept.get().certificate(), ca.certificate(), now)) {
            return kept.get();
        }
        KeyPair keys = kept.map(CertificateAuthority.Issued::keyPair).orElseGet(CertificateAuthority::newKeyPair);
        CertificateAuthority.Issued issued = issuer.issue(policy.issueTime(now), keys);
        write(dataDir, file, issued, ca.certificate());
        return issued;
    }

    /** The certificate and key of {@code file}; empty when either is missing or unreadable. */
    public static Optional<CertificateAuthority.Issued> read(Path dataDir, LeafFile file) {
        try {
            List<X509Certificate> chain = Pem.readCertificates(Files.readString(file.certificate(dataDir)));
            return chain.isEmpty() ? Optional.empty()
                    : Optional.of(new CertificateAuthority.Issued(chain.get(0), Pem.readPrivateKey(Files.readString(file.key(dataDir)))));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The certificate then its CA in {@code .crt} (0644), the key in {@code .key} (0600). */
    public static void write(Path dataDir, LeafFile file, CertificateAuthority.Issued issued, X509Certificate ca) throws IOException {
        Path certificate = file.certificate(dataDir);
        Files.createDirectories(certificate.getParent());
        Files.writeString(certificate, Pem.certificate(issued.certificate()) + Pem.certificate(ca));
        Files.setPosixFilePermissions(certificate, PosixFilePermissions.fromString("rw-r--r--"));
        Path key = file.key(dataDir);
        Files.deleteIfExists(key);
        Files.createFile(key, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(key, Pem.privateKey(issued.key()));
    }
}
