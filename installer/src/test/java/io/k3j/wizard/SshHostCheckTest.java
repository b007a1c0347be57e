package io.k3j.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.SecretResolver;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.HostKeyException;
import io.k3j.ssh.HostKeyPolicy;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.HeldCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import io.k3j.ssh.SshTarget;
import io.k3j.ssh.Tunnel;
import io.k3j.ssh.UploadResult;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH test with a fake connection: no network, the host key dialogue and the facts report. */
class SshHostCheckTest {
    private static final String FINGERPRINT = "SHA256:fakefakefakefakefakefakefakefakefakefakefak";
    private static final String DEBIAN_WITHOUT_K3S = """
            os=debian 12
            os_pretty=Debian GNU/Linux 12 (bookworm)
            arch=x86_64
            init=systemd
            k3s_version=
            """;

    @TempDir
    Path folder;

    private final List<SshTarget> connections = new ArrayList<>();
    private final List<String> trustAsked = new ArrayList<>();

    /** Refuses the first connection with an unknown key, then connects to a host that reports {@code facts}. */
    private SshHostCheck.Connector unknownKeyThen(String facts) {
        return (target, hostKeys) -> {
            connections.add(target);
            if (connections.size() == 1) {
                throw new HostKeyException(target.name() + ": unknown host key ssh-ed25519 " + FINGERPRINT
                        + "; if that is the host's key, run again with --accept-new-host-keys", FINGERPRINT, true);
            }
            return new FakeHost(target.name(), facts, List.of("db.example.com/5432"));
        };
    }

    private static Answers existingPostgresAt(String endpoint) {
        return Answers.of(Map.of(Keys.DATASTORE_MODE, DatastoreMode.EXISTING, Keys.DATASTORE_ENDPOINT, endpoint));
    }

    private SshHostCheck check(SshHostCheck.Connector connector) {
        return new SshHostCheck(connector, new SecretResolver(Map.of("SUDO", "sudo-secret")::get, folder), folder);
    }

    private HostCheck.KeyTrust answering(boolean trust) {
        return (address, key) -> {
            trustAsked.add(address + " " + key);
            return trust;
        };
    }

    @Test
    void anUnknownKeyTheOperatorAcceptsIsTrustedAndTheHostReported() {
        Answers answers = Answers.of(Map.of(Keys.SSH_USER, "ops", Keys.SSH_PORT, "2222", Keys.SSH_SUDO_PASSWORD, "${env:SUDO}"));

        HostCheck.Report report = check(unknownKeyThen(DEBIAN_WITHOUT_K3S)).check("198.51.100.11", Keys.SERVERS, answers, answering(true));

        assertThat(trustAsked).containsExactly("198.51.100.11 " + FINGERPRINT);
        assertThat(connections).hasSize(2);
        SshTarget target = connections.get(1);
        assertThat(target.user()).isEqualTo("ops");
        assertThat(target.port()).isEqualTo(2222);
        assertThat(target.needsSudo()).isTrue();
        assertThat(new String(target.sudoPassword().orElseThrow())).isEqualTo("sudo-secret");
        assertThat(report).isEqualTo(new HostCheck.Report(true, "Debian GNU/Linux 12 (bookworm), x86_64, no K3s yet"));
    }

    @Test
    void aRefusedKeyEndsTheTestWithAdviceForTheWizardNotForApply() {
        HostCheck.Report report = check(unknownKeyThen(DEBIAN_WITHOUT_K3S)).check("198.51.100.11", Keys.SERVERS, Answers.none(), answering(false));

        assertThat(connections).hasSize(1);
        assertThat(report.ok()).isFalse();
        assertThat(report.detail()).contains(FINGERPRINT + " was not accepted").contains("test SSH again")
                .doesNotContain("--accept-new-host-keys");
    }

    @Test
    void aHostK3sDoesNotSupportIsReportedAsAProblem() {
        HostCheck.Report report = check(unknownKeyThen(DEBIAN_WITHOUT_K3S.replace("x86_64", "mips")))
                .check("198.51.100.11", Keys.WORKERS, Answers.none(), answering(true));

        assertThat(report.ok()).isFalse();
        assertThat(report.detail()).contains("not released for the architecture mips");
    }

    @Test
    void anInstalledK3sIsReported() {
        HostCheck.Report report = check(unknownKeyThen(DEBIAN_WITHOUT_K3S.replace("k3s_version=", "k3s_version=v1.31.4+k3s1")))
                .check("198.51.100.11", Keys.WORKERS, Answers.none(), answering(true));

        assertThat(report.detail()).endsWith("K3s v1.31.4+k3s1 installed");
    }

    @Test
    void aServerChecksThatTheExistingDatastoreAnswers() {
        HostCheck.Report reached = check(unknownKeyThen(DEBIAN_WITHOUT_K3S)).check("198.51.100.11", Keys.SERVERS,
                existingPostgresAt("postgres://k3s@db.example.com:5432/k3s"), answering(true));
        connections.clear();
        HostCheck.Report unreached = check(unknownKeyThen(DEBIAN_WITHOUT_K3S)).check("198.51.100.11", Keys.SERVERS,
                existingPostgresAt("postgres://k3s@db.example.com:5433/k3s"), answering(true));
        connections.clear();
        HostCheck.Report worker = check(unknownKeyThen(DEBIAN_WITHOUT_K3S)).check("198.51.100.31", Keys.WORKERS,
                existingPostgresAt("postgres://k3s@db.example.com:5433/k3s"), answering(true));

        assertThat(reached).isEqualTo(new HostCheck.Report(true,
                "Debian GNU/Linux 12 (bookworm), x86_64, no K3s yet; reaches the datastore at db.example.com:5432"));
        assertThat(unreached.ok()).isFalse();
        assertThat(unreached.detail()).contains("cannot reach the datastore at db.example.com:5433 from here");
        assertThat(worker.ok()).as("only servers talk to the datastore").isTrue();
    }

    /** A host that answers the facts script, and TCP checks that succeed for the {@code reachable} host/ports only. */
    private record FakeHost(String name, String facts, List<String> reachable) implements RemoteHost {
        @Override
        public ExecResult run(RemoteCommand command) {
            if (command.text().equals("sh -s")) {
                return new ExecResult(0, facts, "", Duration.ZERO);
            }
            if (command.text().startsWith("timeout 5 bash -c ': </dev/tcp/\"$0\"/\"$1\"' ")) {
                boolean open = reachable.stream().map(hostPort -> hostPort.split("/"))
                        .anyMatch(hostPort -> command.text().endsWith(" " + Shell.quote(hostPort[0]) + " " + Shell.quote(hostPort[1])));
                return new ExecResult(open ? 0 : 124, "", "", Duration.ZERO);
            }
            return new ExecResult(127, "", "unexpected: " + command.text(), Duration.ZERO);
        }

        @Override
        public ExecResult stream(RemoteCommand command, OutputStream stdout) {
            throw new UnsupportedOperationException("the SSH test streams no output");
        }

        @Override
        public Optional<byte[]> readFile(String path) {
            throw new UnsupportedOperationException("the SSH test reads no file");
        }

        @Override
        public UploadResult upload(String path, Content content, String mode, String owner) {
            throw new UnsupportedOperationException("the SSH test writes nothing");
        }

        @Override
        public HeldCommand hold(RemoteCommand command) {
            throw new UnsupportedOperationException("the SSH test takes no lock");
        }

        @Override
        public Tunnel tunnel(String host, int port) {
            throw new UnsupportedOperationException("the SSH test opens no tunnel");
        }

        @Override
        public void close() {
        }
    }
}
