package io.k3j.wizard;

import io.k3j.facts.FactsGatherer;
import io.k3j.facts.HostFacts;
import io.k3j.inventory.InventoryPaths;
import io.k3j.inventory.SecretResolver;
import io.k3j.inventory.SecretValue;
import io.k3j.inventory.SshSettings;
import io.k3j.ssh.HostKeyException;
import io.k3j.ssh.HostKeyPolicy;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.SshException;
import io.k3j.ssh.SshTarget;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Tests SSH for real: logs in as the answers say, verifies the host key against known_hosts (an
 * unknown one is accepted only when the operator says so, and only that key), and reads the
 * host's facts; from a server, it also checks that an existing datastore answers. How it connects is given ({@link Connector}), so tests need no network.
 */
public final class SshHostCheck implements HostCheck {

    /** Opens a connection to a host; {@code SshHost::connect} with a run log in real use. */
    public interface Connector {
        RemoteHost connect(SshTarget target, HostKeyPolicy hostKeys);
    }

    private final Connector connector;
    private final SecretResolver secrets;
    private final Path inventoryFolder;

    public SshHostCheck(Connector connector, SecretResolver secrets, Path inventoryFolder) {
        this.connector = connector;
        this.secrets = secrets;
        this.inventoryFolder = inventoryFolder;
    }

    @Override
    public Report check(String address, String role, Answers answers, KeyTrust trust) {
        SshTarget target = target(address, answers);
        Path knownHosts = path(answers.given(Keys.SSH_KNOWN_HOSTS).orElse(SshSettings.DEFAULT_KNOWN_HOSTS));
        try (RemoteHost host = connect(target, knownHosts, trust)) {
            Report facts = describe(FactsGatherer.gather(host));
            Optional<Report> datastore = role.equals(Keys.SERVERS) ? DatastoreReach.check(host, answers) : Optional.empty();
            return datastore.map(reach -> new Report(facts.ok() && reach.ok(), facts.detail() + "; " + reach.detail()))
                    .orElse(facts);
        } catch (SshException e) {
            return new Report(false, e.getMessage());
        }
    }

    private RemoteHost connect(SshTarget target, Path knownHosts, KeyTrust trust) {
        try {
            return connector.connect(target, new HostKeyPolicy(knownHosts, false));
        } catch (HostKeyException e) {
            if (!e.unknown()) {
                throw e;
            }
            if (!trust.trust(target.address(), e.fingerprint())) {
                // Not the refusal apply prints: its advice (--accept-new-host-keys) is no wizard option.
                throw new SshException("its host key " + e.fingerprint() + " was not accepted, so it is not in " + knownHosts
                        + ": test SSH again and say yes once you have checked it is the host's key");
            }
            return connector.connect(target, HostKeyPolicy.trusting(knownHosts, e.fingerprint()));
        }
    }

    private static Report describe(HostFacts facts) {
        String k3s = facts.k3sVersion().map(version -> "K3s " + version + " installed").orElse("no K3s yet");
        String found = facts.osPretty() + ", " + facts.arch() + ", " + k3s;
        if (facts.k3sArch().isEmpty()) {
            return new Report(false, found + "; K3s is not released for the architecture " + facts.arch());
        }
        if (!facts.init().equals("systemd")) {
            return new Report(false, found + "; it does not run systemd, which the K3s units need");
        }
        return new Report(true, found);
    }

    private SshTarget target(String address, Answers answers) {
        String user = answers.given(Keys.SSH_USER).orElse(SshSettings.DEFAULT_USER);
        int port = answers.given(Keys.SSH_PORT).filter(text -> text.matches("\\d{1,5}")).map(Integer::valueOf)
                .orElse(SshSettings.DEFAULT_PORT);
        Optional<char[]> sudoPassword = answers.given(Keys.SSH_SUDO_PASSWORD)
                .map(value -> secrets.resolve(new SecretValue(value)).toCharArray());
        return new SshTarget(address, address, port, user, answers.given(Keys.SSH_KEY).map(this::path), Optional.empty(),
                !user.equals("root"), sudoPassword, Optional.empty());
    }

    private Path path(String text) {
        return InventoryPaths.resolve(text, inventoryFolder);
    }
}
