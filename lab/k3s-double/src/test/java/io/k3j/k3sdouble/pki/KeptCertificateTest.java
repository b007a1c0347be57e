package io.k3j.k3sdouble.pki;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** K3s' lifetimes (CA 10 years, leaves 365 days) and its renewal at start: due within the window, same key. */
class KeptCertificateTest {
    private static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
    private static final RenewalPolicy POLICY = new RenewalPolicy(90, Duration.ZERO);
    private final CertificateAuthority ca = CertificateAuthority.create("k3s-client-ca", NOW.minus(Duration.ofDays(400)));

    @Test
    void aCaLastsTenYearsAndALeaf365Days() {
        X509Certificate leaf = ca.issueClient("system:admin", "system:masters", NOW).certificate();

        assertThat(Duration.between(NOW.minus(Duration.ofDays(400)), ca.certificate().getNotAfter().toInstant())).isEqualTo(Duration.ofDays(3650));
        assertThat(leaf.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
    }

    @Test
    void aMissingCertificateIsIssuedWithANewKeyAndWrittenAsK3sKeepsIt(@TempDir Path dataDir) throws Exception {
        CertificateAuthority.Issued issued = ensure(dataDir, POLICY);

        assertThat(issued.certificate().getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(365)));
        assertThat(Pem.readCertificates(Files.readString(LeafFile.ADMIN.certificate(dataDir))))
                .containsExactly(issued.certificate(), ca.certificate());
        assertThat(Files.getPosixFilePermissions(LeafFile.ADMIN.key(dataDir))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(dataDir.resolve("server/tls/client-admin.crt")).exists();
    }

    @Test
    void aCertificateOutsideTheWindowIsKeptAsItIs(@TempDir Path dataDir) throws Exception {
        CertificateAuthority.Issued first = ensure(dataDir, POLICY);
        CertificateAuthority.Issued again = KeptCertificate.ensure(dataDir, LeafFile.ADMIN, ca, POLICY, NOW.plus(Duration.ofDays(274)),
                certificate -> true, this::admin);

        assertThat(again.certificate()).isEqualTo(first.certificate());
    }

    @Test
    void aCertificateWithinTheWindowIsRenewedWithTheSameKey(@TempDir Path dataDir) throws Exception {
        CertificateAuthority.Issued first = ensure(dataDir, POLICY);
        Instant later = NOW.plus(Duration.ofDays(276));

        CertificateAuthority.Issued renewed = KeptCertificate.ensure(dataDir, LeafFile.ADMIN, ca, POLICY, later, certificate -> true, this::admin);

        assertThat(renewed.certificate()).isNotEqualTo(first.certificate());
        assertThat(renewed.certificate().getNotAfter().toInstant()).isEqualTo(later.plus(Duration.ofDays(365)));
        assertThat(renewed.certificate().getPublicKey()).isEqualTo(first.certificate().getPublicKey());
        assertThat(KeptCertificate.read(dataDir, LeafFile.ADMIN).orElseThrow().certificate()).isEqualTo(renewed.certificate());
    }

    @Test
    void anExpiredCertificateOneOfAnotherCaAndOneThatNoLongerFitsAreRenewed(@TempDir Path dataDir) throws Exception {
        X509Certificate first = ensure(dataDir, POLICY).certificate();
        CertificateAuthority other = CertificateAuthority.create("k3s-client-ca", NOW);

        assertThat(POLICY.needsRenewal(first, ca.certificate(), NOW.plus(Duration.ofDays(400)))).isTrue();
        assertThat(POLICY.needsRenewal(first, other.certificate(), NOW)).isTrue();
        assertThat(POLICY.needsRenewal(first, ca.certificate(), NOW)).isFalse();
        assertThat(KeptCertificate.ensure(dataDir, LeafFile.ADMIN, ca, POLICY, NOW, certificate -> false, this::admin).certificate())
                .isNotEqualTo(first);
    }

    @Test
    void theBackdateKnobMakesNewCertificatesOld(@TempDir Path dataDir) throws Exception {
        RenewalPolicy old = RenewalPolicy.of("v1.31.4+k3s1", Map.of(RenewalPolicy.BACKDATE_VARIABLE, "300"));

        X509Certificate issued = ensure(dataDir, old).certificate();

        assertThat(issued.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(65)));
        assertThat(CertificateStatus.of(issued, NOW, old.renewDays())).isEqualTo(CertificateStatus.WARNING);
        assertThat(RenewalPolicy.of("v1.31.4+k3s1", Map.of()).backdate()).isZero();
    }

    @Test
    void theWindowIsTheReleasesAndTheKnobMustBeANumber() {
        assertThat(RenewalPolicy.of("v1.31.4+k3s1", Map.of()).renewDays()).isEqualTo(90);
        assertThat(RenewalPolicy.of("v1.32.5+k3s1", Map.of()).renewDays()).isEqualTo(120);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RenewalPolicy.of("v1.31.4+k3s1",
                Map.of(RenewalPolicy.BACKDATE_VARIABLE, "old"))).hasMessage("K3S_DOUBLE_CERT_BACKDATE_DAYS must be a whole number of days, not 'old'");
    }

    @Test
    void theStatusIsOkWarningExpiredOrNotYetValid() {
        X509Certificate leaf = ca.issueClient("system:admin", "system:masters", NOW).certificate();

        assertThat(CertificateStatus.of(leaf, NOW.minus(Duration.ofDays(1)), 90)).isEqualTo(CertificateStatus.NOT_YET_VALID);
        assertThat(CertificateStatus.of(leaf, NOW, 90)).isEqualTo(CertificateStatus.OK);
        assertThat(CertificateStatus.of(leaf, NOW.plus(Duration.ofDays(276)), 90)).isEqualTo(CertificateStatus.WARNING);
        assertThat(CertificateStatus.of(leaf, NOW.plus(Duration.ofDays(366)), 90)).isEqualTo(CertificateStatus.EXPIRED);
        assertThat(CertificateStatus.NOT_YET_VALID.text()).isEqualTo("NOT YET VALID");
    }

    private CertificateAuthority.Issued ensure(Path dataDir, RenewalPolicy policy) throws Exception {
        return KeptCertificate.ensure(dataDir, LeafFile.ADMIN, ca, policy, NOW, certificate -> true, this::admin);
    }

    private CertificateAuthority.Issued admin(Instant issuedAt, java.security.KeyPair keys) {
        return ca.issueClient("system:admin", "system:masters", issuedAt, keys);
    }
}
