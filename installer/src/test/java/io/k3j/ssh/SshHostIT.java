package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.lab.Lab;
import io.k3j.lab.LabHost;
import io.k3j.lab.LabTopology;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH layer against real sshd on lab hosts: host keys, sudo, commands, uploads, reconnects. */
@LabTopology("minimal")
class SshHostIT {
    @TempDir
    Path temp;

    private SshTarget target(Lab lab, String host, String user, String sudoPassword) {
        return new SshTarget(host, lab.host(host).address(), 22, user, Optional.of(lab.operatorKey()), Optional.empty(),
                true, Optional.ofNullable(sudoPassword).map(String::toCharArray), Optional.empty());
    }

    private RunLog log() {
        return RunLog.create(temp.resolve("run.log"), Clock.systemUTC());
    }

    private SshHost connect(Lab lab, String host, String user, String sudoPassword, Path knownHosts, boolean acceptNew) {
        return SshHost.connect(target(lab, host, user, sudoPassword), new HostKeyPolicy(knownHosts, acceptNew), log(), Clock.systemUTC());
    }

    @Test
    void runsCommandsWithExitStatusOutputAndInput(Lab lab) {
        try (SshHost host = connect(lab, "host1", "root", null, lab.knownHosts(), false)) {
            ExecResult result = host.run(RemoteCommand.asRoot("cat; echo oops >&2; exit 7").withStdin("hello".getBytes()));

            assertThat(result.exitStatus()).isEqualTo(7);
            assertThat(result.stdout()).isEqualTo("hello");
            assertThat(result.stderr()).isEqualTo("oops\n");
        }
    }

    @Test
    void anUnknownHostKeyIsRefusedWithItsFingerprint(Lab lab) {
        LabHost unknown = lab.host("host2");
        String expected = lab.exec("host2", "ssh-keygen", "-lf", "/etc/ssh/ssh_host_ed25519_key.pub").stdout().split(" ")[1];

        assertThatThrownBy(() -> connect(lab, "host2", "root", null, lab.knownHosts(), false))
                .isInstanceOf(HostKeyException.class)
                .hasMessageContaining("unknown host key")
                .hasMessageContaining("--accept-new-host-keys")
                .satisfies(e -> assertThat(((HostKeyException) e).fingerprint()).isIn(expected, fingerprintsOf(lab, "host2")));
        assertThat(unknown.unknownKey()).isTrue();
    }

    @Test
    void acceptingNewKeysAddsThemAndTheyAreTrustedAfterwards(Lab lab) throws IOException {
        Path knownHosts = temp.resolve("known_hosts");
        Files.copy(lab.knownHosts(), knownHosts);

        connect(lab, "host2", "root", null, knownHosts, true).close();

        assertThat(Files.readString(knownHosts)).contains(lab.host("host2").address());
        try (SshHost again = connect(lab, "host2", "root", null, knownHosts, false)) {
            assertThat(again.run(RemoteCommand.asRoot("hostname")).stdout()).isEqualTo("host2\n");
        }
    }

    @Test
    void aChangedHostKeyIsAlwaysRefused(Lab lab) throws IOException {
        Path knownHosts = temp.resolve("known_hosts");
        String host2Key = lab.exec("host2", "cat", "/etc/ssh/ssh_host_ed25519_key.pub").stdout().split(" ", 3)[1];
        Files.writeString(knownHosts, lab.host("host1").address() + " ssh-ed25519 " + host2Key + "\n");

        for (boolean acceptNew : new boolean[] {false, true}) {
            assertThatThrownBy(() -> connect(lab, "host1", "root", null, knownHosts, acceptNew))
                    .isInstanceOf(HostKeyException.class).hasMessageContaining("CHANGED");
        }
    }

    @Test
    void sudoWithoutAndWithPassword(Lab lab) {
        try (SshHost ops = connect(lab, "host1", "ops", null, lab.knownHosts(), false);
             SshHost opsp = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false);
             SshHost noPassword = connect(lab, "host1", "opsp", null, lab.knownHosts(), false)) {
            assertThat(ops.run(RemoteCommand.asRoot("id -u")).stdout()).isEqualTo("0\n");
            assertThat(opsp.run(RemoteCommand.asRoot("id -u; cat").withStdin("rest".getBytes())).stdout()).isEqualTo("0\nrest");
            ExecResult refused = noPassword.run(RemoteCommand.asRoot("id -u"));
            assertThat(refused.ok()).isFalse();
            assertThat(refused.stderr()).contains("a password is required");
        }
        assertThat(readLog()).contains("id -u").doesNotContain(Lab.SUDO_PASSWORD);
    }

    @Test
    void uploadsAtomicallyWithModeAndOwnerAndLeavesAnIdenticalFileAlone(Lab lab) {
        byte[] content = "token: s3cret\n".getBytes(StandardCharsets.UTF_8);
        try (SshHost host = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            assertThat(host.upload("/etc/k3j-test/config.yaml", content, "0600", "root:root")).isEqualTo(UploadResult.WRITTEN);
            assertThat(host.upload("/etc/k3j-test/config.yaml", content, "0600", "root:root")).isEqualTo(UploadResult.UNCHANGED);
            assertThat(host.upload("/etc/k3j-test/config.yaml", content, "0640", "root:root")).isEqualTo(UploadResult.WRITTEN);

            assertThat(host.readFile("/etc/k3j-test/config.yaml")).contains(content);
            assertThat(host.readFile("/etc/k3j-test/absent")).isEmpty();
            assertThat(host.run(RemoteCommand.asRoot("stat -c '%a %U:%G' /etc/k3j-test/config.yaml; ls -A /etc/k3j-test"))
                    .stdout()).isEqualTo("640 root:root\nconfig.yaml\n");
        }
    }

    @Test
    void anIdempotentCommandIsRetriedOnANewConnectionWhenTheOldOneDrops(Lab lab) {
        try (SshHost host = connect(lab, "host1", "root", null, lab.knownHosts(), false)) {
            assertThat(host.run(RemoteCommand.asRoot("true")).ok()).isTrue();
            // End this connection's sshd process on the host: the client sees the connection drop.
            lab.exec("host1", "pkill", "-KILL", "-f", "^sshd: root@notty");

            assertThat(host.run(RemoteCommand.asRoot("hostname")).stdout()).isEqualTo("host1\n");
        }
        assertThat(readLog()).contains("reconnecting");
    }

    @Test
    void aRefusedConnectionSaysWhatToCheck(Lab lab) {
        SshTarget wrongPort = new SshTarget("host1", lab.host("host1").address(), 2222, "root", Optional.of(lab.operatorKey()),
                Optional.empty(), false, Optional.empty(), Optional.empty());

        assertThatThrownBy(() -> SshHost.connect(wrongPort, new HostKeyPolicy(lab.knownHosts(), false), log(), Clock.systemUTC()))
                .isInstanceOf(SshException.class).hasMessageContaining("host1").hasMessageContaining("connection refused")
                .hasMessageContaining("port 2222");
    }

    private String readLog() {
        try {
            return Files.readString(temp.resolve("run.log"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String fingerprintsOf(Lab lab, String host) {
        return lab.exec(host, "ssh-keygen", "-lf", "/etc/ssh/ssh_host_ecdsa_key.pub").stdout().split(" ")[1];
    }
}
