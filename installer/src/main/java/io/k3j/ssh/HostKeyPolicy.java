package io.k3j.ssh;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import net.schmizz.sshj.common.KeyType;
import net.schmizz.sshj.transport.verification.HostKeyVerifier;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts;
import net.schmizz.sshj.transport.verification.OpenSSHKnownHosts.KnownHostEntry;

/**
 * Host keys are checked against a known_hosts file, never skipped. An unknown key is refused
 * (with its fingerprint and how to accept it) unless new keys are accepted on purpose, which adds
 * them to the file; a changed key is always refused, and so is a key of another type than the one
 * known_hosts has for the host (a host that offers RSA where known_hosts has ed25519 is not new).
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
            // sshj calls a key of a type known_hosts has no line for "unverifiable"; but the host is known
            // (with a key of another type), so this is a changed key, as OpenSSH says too.
            Optional<String> known = knownKeyOf(hostname, Optional.empty());
            if (known.isPresent()) {
                refusal.set(changed(hostname, key, known.get() + ", a key of another type"));
                return false;
            }
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
            refusal.set(changed(hostname, key, knownKeyOf(hostname, Optional.of(KeyType.fromKey(key))).orElse("another key")));
            return false;
        }

        private HostKeyException changed(String hostname, PublicKey key, String known) {
            String fingerprint = Fingerprint.sha256(key);
            return new HostKeyException(target.name() + " (" + hostname + "): the host key CHANGED: it now offers "
                    + KeyType.fromKey(key) + " " + fingerprint + ", but " + knownHosts + " has " + known
                    + " for it. Someone may be intercepting the connection, or the host was reinstalled; check with its owner, "
                    + "then remove the old line (ssh-keygen -R " + hostname + " -f " + knownHosts + ")", fingerprint, false);
        }

        /** The type and fingerprint of a key known_hosts has for the host (of that type, if one is given). */
        private Optional<String> knownKeyOf(String hostname, Optional<KeyType> type) {
            for (KnownHostEntry entry : entries()) {
                try {
                    if (type.isEmpty() ? entry.appliesTo(hostname) : entry.appliesTo(type.get(), hostname)) {
                        return Optional.of(describe(entry));
                    }
                } catch (IOException e) {
                    // a line sshj cannot match (a malformed hash) says nothing about this host
                }
            }
            return Optional.empty();
        }
    }

    /** {@code ssh-ed25519 SHA256:…} from a known_hosts line: [marker] hosts type base64-key [comment]. */
    private static String describe(OpenSSHKnownHosts.KnownHostEntry entry) {
        String[] fields = entry.getLine().trim().split("\\s+");
        int type = fields[0].startsWith("@") ? 2 : 1;
        try {
            return fields[type] + " " + Fingerprint.sha256(Base64.getDecoder().decode(fields[type + 1]));
        } catch (RuntimeException e) {
            return "an " + entry.getType() + " key";
        }
    }
}
