package io.k3j.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;

/**
 * Host keys are checked against a known_hosts file, never skipped. An unknown key is refused
 * (with its fingerprint and how to accept it) unless new keys are accepted on purpose, which adds
 * them to the file; a changed key is always refused.
 */
public final class HostKeyPolicy {
    private final Path knownHosts;
    private final boolean acceptNew;
    private final Optional<String> trustedFingerprint;

    public HostKeyPolicy(Path knownHosts, boolean acceptNew) {
        this(knownHosts, acceptNew, Optional.empty());
    }

    private HostKeyPolicy(Path knownHosts, boolean acceptNew, Optional<String> trustedFingerprint) {
        this.knownHosts = knownHosts;
        this.acceptNew = acceptNew;
        this.trustedFingerprint = trustedFingerprint;
    }

    /**
     * Accepts an unknown key only if it has the fingerprint a person has just accepted (the wizard),
     * so a different key offered on the next connection is still refused.
     */
    public static HostKeyPolicy trusting(Path knownHosts, String fingerprint) {
        return new HostKeyPolicy(knownHosts, false, Optional.of(fingerprint));
    }

    public Path knownHosts() {
        return knownHosts;
    }

    /** A verifier for one connection; {@code refusal} receives why a key was refused. */
    HostKeyVerifier verifierFor(SshTarget target, AtomicReference<HostKeyException> refusal) {
        try {
            if (!Files.exists(knownHosts)) {
                Files.createDirectories(knownHosts.toAbsolutePath().getParent());
                Files.createFile(knownHosts);
            }
            return new Verifier(knownHosts.toFile(), target, refusal);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the known_hosts file " + knownHosts, e);
        }
    }

    private final class Verifier extends OpenSSHKnownHosts {
        private final SshTarget target;
        private final AtomicReference<HostKeyException> refusal;

        Verifier(File file, SshTarget target, AtomicReference<HostKeyException> refusal) throws IOException {
            super(file);
            this.target = target;
            this.refusal = refusal;
        }

        @Override
        protected boolean hostKeyUnverifiableAction(String hostname, PublicKey key) {
            String type = KeyType.fromKey(key).toString();
            String fingerprint = Fingerprint.sha256(key);
            if (acceptNew || trustedFingerprint.filter(fingerprint::equals).isPresent()) {
                try {
                    HostEntry entry = new HostEntry(null, hostname, KeyType.fromKey(key), key);
                    entries().add(entry);
                    write(entry);
                    return true;
                } catch (IOException e) {
                    refusal.set(new HostKeyException(target.name() + ": cannot add its host key to " + knownHosts + ": "
                            + e.getMessage(), fingerprint, false));
                    return false;
                }
            }
            refusal.set(new HostKeyException(target.name() + " (" + hostname + "): unknown host key " + type + " "
                    + fingerprint + "; it is not in " + knownHosts + ". If that is the host's key, run again with "
                    + "--accept-new-host-keys, or add it yourself: ssh-keyscan -p " + target.port() + " " + target.address()
                    + " >> " + knownHosts, fingerprint, true));
            return false;
        }

        @Override
        protected boolean hostKeyChangedAction(String hostname, PublicKey key) {
            String fingerprint = Fingerprint.sha256(key);
            refusal.set(new HostKeyException(target.name() + " (" + hostname + "): the host key CHANGED: it now offers "
                    + KeyType.fromKey(key) + " " + fingerprint + ", which differs from the key in " + knownHosts
                    + ". Someone may be intercepting the connection, or the host was reinstalled; check with its owner, "
                    + "then remove the old line (ssh-keygen -R " + hostname + " -f " + knownHosts + ")", fingerprint, false));
            return false;
        }
    }
}
