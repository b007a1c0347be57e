package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verifier (sshj's OpenSSHKnownHosts with our hooks) on a known_hosts file; no connection. */
class HostKeyPolicyTest {
    private static final String ADDRESS = "198.51.100.11";
    private static final String ED25519 = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIAOjcNQgLnELprGx6yXNjvvYLaxkKppHyVouzPWZUGOi";
    private static final String ED25519_FINGERPRINT = "SHA256:fF7jVfjAzLcqsB/eUPMvC+b2RpQbm5JGOkQFY5Ia36o";
    private static final SshTarget TARGET = new SshTarget("server1", ADDRESS, 22, "root", Optional.empty(), Optional.empty(),
            false, Optional.empty(), Optional.empty());

    @TempDir
    Path temp;
    private Path knownHosts;
    private final AtomicReference<HostKeyException> refusal = new AtomicReference<>();

    @BeforeEach
    void knownHostsWithAnEd25519KeyForTheHost() throws IOException {
        knownHosts = Files.writeString(temp.resolve("known_hosts"), ADDRESS + " " + ED25519 + "\n");
    }

    private static PublicKey key(String algorithm) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        generator.initialize(algorithm.equals("RSA") ? 2048 : 256);
        return generator.generateKeyPair().getPublic();
    }

    @Test
    void aKeyOfAnotherTypeForAKnownHostIsAChangedKeyNamingBothFingerprints() throws Exception {
        for (String algorithm : new String[] {"RSA", "EC"}) {
            for (boolean acceptNew : new boolean[] {false, true}) {
                PublicKey offered = key(algorithm);

                boolean accepted = new HostKeyPolicy(knownHosts, acceptNew).verifierFor(TARGET, refusal).verify(ADDRESS, 22, offered);

                assertThat(accepted).isFalse();
                assertThat(refusal.get().unknown()).isFalse();
                assertThat(refusal.get()).hasMessageContaining("the host key CHANGED")
                        .hasMessageContaining(Fingerprint.sha256(offered))
                        .hasMessageContaining("has ssh-ed25519 " + ED25519_FINGERPRINT + ", a key of another type");
                assertThat(Files.readString(knownHosts)).as("nothing added").isEqualTo(ADDRESS + " " + ED25519 + "\n");
            }
        }
    }

    @Test
    void aHostKnownUnderAnotherPortOrNotAtAllIsUnknown() throws Exception {
        boolean accepted = new HostKeyPolicy(knownHosts, false).verifierFor(TARGET, refusal).verify(ADDRESS, 2222, key("RSA"));

        assertThat(accepted).isFalse();
        assertThat(refusal.get().unknown()).isTrue();
        assertThat(refusal.get()).hasMessageContaining("unknown host key ssh-rsa");
    }
}
