package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.lab.Lab;
import io.k3j.lab.LabHost;
import io.k3j.lab.LabTopology;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SSH layer against real sshd on lab hosts: host keys, sudo, commands, uploads (streamed), reconnects. */
@LabTopology("minimal")
class SshHostIT {
    private static final long LARGE_BYTES = 200L << 20;
    private static final String IMAGES = "/var/lib/k3j-test/images.tar";
    private static final String LINE_MARK = "k3j generated line";

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
    void aKnownHostOfferingAKeyOfAnotherTypeIsRefusedAsChanged(Lab lab) throws IOException {
        // known_hosts knows host1 only by an ECDSA P-521 key, which host1 does not have: it offers another type.
        lab.exec("host2", "sh", "-c", "rm -f /tmp/k521 /tmp/k521.pub; ssh-keygen -q -t ecdsa -b 521 -N '' -f /tmp/k521");
        String otherType = lab.exec("host2", "cat", "/tmp/k521.pub").stdout().split(" ", 3)[1];
        Path knownHosts = temp.resolve("known_hosts");
        String line = lab.host("host1").address() + " ecdsa-sha2-nistp521 " + otherType + "\n";
        Files.writeString(knownHosts, line);

        assertThatThrownBy(() -> connect(lab, "host1", "root", null, knownHosts, true))
                .isInstanceOf(HostKeyException.class).hasMessageContaining("CHANGED").hasMessageContaining("a key of another type");
        assertThat(Files.readString(knownHosts)).isEqualTo(line);
    }

    @Test
    void sudoWithoutAndWithPassword(Lab lab) {
        try (SshHost ops = connect(lab, "host1", "ops", null, lab.knownHosts(), false);
             SshHost opsp = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            assertThat(ops.run(RemoteCommand.asRoot("id -u")).stdout()).isEqualTo("0\n");
            assertThat(opsp.run(RemoteCommand.asRoot("id -u; cat").withStdin("rest".getBytes())).stdout()).isEqualTo("0\nrest");
            assertThat(opsp.run(RemoteCommand.asRoot("id -u")).stdout()).as("asked again, and answered").isEqualTo("0\n");
        }
        assertThatThrownBy(() -> connect(lab, "host1", "opsp", null, lab.knownHosts(), false))
                .isInstanceOf(SshException.class)
                .hasMessageContaining("sudo asks for a password for user opsp on host host1").hasMessageContaining("set spec.ssh.sudoPassword");
        assertThat(readLog()).contains("id -u").doesNotContain(Lab.SUDO_PASSWORD);
    }

    @Test
    void aSudoThatAsksNoPasswordNeverReceivesTheOneGiven(Lab lab) {
        // Were the password sent, cat would print it before the input, and sh would run it as a command.
        try (SshHost ops = connect(lab, "host1", "ops", "touch /tmp/k3j-sudo-password-ran", lab.knownHosts(), false)) {
            assertThat(ops.run(RemoteCommand.asRoot("cat").withStdin("input".getBytes())).stdout()).isEqualTo("input");
            assertThat(ops.run(RemoteCommand.asRoot("sh -s").withStdin("id -u".getBytes())).stdout()).isEqualTo("0\n");
            assertThat(ops.run(RemoteCommand.asRoot("ls /tmp/k3j-sudo-password-ran 2>/dev/null || echo absent")).stdout())
                    .isEqualTo("absent\n");
        }
    }

    @Test
    void aWrongSudoPasswordIsReportedAsSuchAndNothingRuns(Lab lab) {
        assertThatThrownBy(() -> connect(lab, "host1", "opsp", "not-" + Lab.SUDO_PASSWORD, lab.knownHosts(), false))
                .isInstanceOf(SshException.class)
                .hasMessageStartingWith("sudo refused the password for user opsp on host host1")
                .message().doesNotContain("not-" + Lab.SUDO_PASSWORD, "could not be reached");
        assertThat(readLog()).doesNotContain("not-" + Lab.SUDO_PASSWORD);
    }

    @Test
    void uploadsAtomicallyWithModeAndOwnerAndLeavesAnIdenticalFileAlone(Lab lab) {
        byte[] content = "token: s3cret\n".getBytes(StandardCharsets.UTF_8);
        try (SshHost host = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            assertThat(host.upload("/etc/k3j-test/config.yaml", Content.of(content), "0600", "root:root")).isEqualTo(UploadResult.WRITTEN);
            assertThat(host.upload("/etc/k3j-test/config.yaml", Content.of(content), "0600", "root:root")).isEqualTo(UploadResult.UNCHANGED);
            assertThat(host.upload("/etc/k3j-test/config.yaml", Content.of(content), "0640", "root:root")).isEqualTo(UploadResult.WRITTEN);

            assertThat(host.readFile("/etc/k3j-test/config.yaml")).contains(content);
            assertThat(host.readFile("/etc/k3j-test/absent")).isEmpty();
            assertThat(host.run(RemoteCommand.asRoot("stat -c '%a %U:%G' /etc/k3j-test/config.yaml; ls -A /etc/k3j-test"))
                    .stdout()).isEqualTo("640 root:root\nconfig.yaml\n");
        }
    }

    @Test
    void inAFolderAnotherUserOwnsNoLinkIsFollowedOnReadOrWrite(Lab lab) {
        // As PostgreSQL's config folder belongs to postgres: here the folder is ops', with links ops could have made.
        lab.exec("host1", "sh", "-c", "rm -rf /etc/k3j-shared; mkdir -p /etc/k3j-shared/sub && chown ops:ops /etc/k3j-shared "
                + "&& echo root-only > /etc/k3j-victim && chmod 600 /etc/k3j-victim "
                + "&& ln -s /etc/k3j-victim /etc/k3j-shared/pg_hba.conf && ln -s /root /etc/k3j-shared/conf.d");
        try (SshHost host = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            assertThatThrownBy(() -> host.readFile("/etc/k3j-shared/pg_hba.conf"))
                    .isInstanceOf(SshException.class).hasMessageContaining("it is a symbolic link (to /etc/k3j-victim)");
            assertThatThrownBy(() -> host.upload("/etc/k3j-shared/pg_hba.conf", Content.of("local all all trust\n"), "0640", "ops:ops"))
                    .isInstanceOf(SshException.class).hasMessageContaining("refusing").hasMessageContaining("symbolic link");
            assertThatThrownBy(() -> host.upload("/etc/k3j-shared/conf.d/k3j.conf", Content.of("x\n"), "0644", "root:root"))
                    .isInstanceOf(SshException.class).hasMessageContaining("conf.d is a symbolic link in a folder owned by ops");

            assertThat(host.upload("/etc/k3j-shared/sub/k3j.conf", Content.of("port = 5432\n"), "0640", "ops:ops"))
                    .isEqualTo(UploadResult.WRITTEN);
            assertThat(host.readFile("/etc/k3j-shared/sub/k3j.conf")).contains("port = 5432\n".getBytes(StandardCharsets.UTF_8));
        }
        assertThat(lab.exec("host1", "sh", "-c", "cat /etc/k3j-victim; stat -c '%U %a' /etc/k3j-victim").stdout())
                .as("the link's target untouched").isEqualTo("root-only\nroot 600\n");
        assertThat(lab.exec("host1", "ls", "-A", "/root").stdout()).as("nothing written into /root").doesNotContain("k3j.conf");
        assertThat(lab.exec("host1", "sh", "-c", "ls -A /etc/k3j-shared/sub; stat -c '%U:%G %a' /etc/k3j-shared/sub/k3j.conf").stdout())
                .as("no temp file left beside it").isEqualTo("k3j.conf\nops:ops 640\n");
    }

    @Test
    void aLargeLocalFileIsStreamedThroughSudoAndNotSentAgainWhenIdentical(Lab lab) throws IOException {
        Content.LocalFile images = new LocalFiles().content(generated(LARGE_BYTES));
        String what = "upload " + IMAGES + " (" + LARGE_BYTES + " bytes, sha256 " + images.sha256() + ")";
        try (SshHost host = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            assertThat(host.upload(IMAGES, images, "0644", "root:root")).isEqualTo(UploadResult.WRITTEN);
            assertThat(host.upload(IMAGES, images, "0644", "root:root")).isEqualTo(UploadResult.UNCHANGED);

            assertThat(host.run(RemoteCommand.asRoot("stat -c '%a %U:%G %s' " + IMAGES + "; sha256sum < " + IMAGES + " | cut -d' ' -f1"))
                    .stdout()).isEqualTo("644 root:root " + LARGE_BYTES + "\n" + images.sha256() + "\n");
        } finally {
            lab.exec("host1", "rm", "-rf", "/var/lib/k3j-test");
        }
        String log = readLog();
        assertThat(log).contains(what + ": sending", what + ": already identical, not sent")
                .doesNotContain(LINE_MARK).doesNotContain(Lab.SUDO_PASSWORD);
        assertThat(log.split("mktemp", -1)).as("commands that write the file").hasSize(2);
    }

    @Test
    void aStreamCutShortByADroppedConnectionIsSentAgainFromTheStartAndNeverRenamedHalfWay(Lab lab) throws Exception {
        Content.LocalFile images = new LocalFiles().content(generated(LARGE_BYTES));
        Path folder = lab.rootOf("host1").resolve("var/lib/k3j-test");
        try (SshHost host = connect(lab, "host1", "root", null, lab.knownHosts(), false)) {
            CompletableFuture<UploadResult> upload = CompletableFuture.supplyAsync(() -> host.upload(IMAGES, images, "0644", "root:root"));
            awaitTempFile(folder);
            lab.exec("host1", "pkill", "-KILL", "-f", "^sshd: root@notty");

            assertThat(upload.get(5, TimeUnit.MINUTES)).isEqualTo(UploadResult.WRITTEN);
            assertThat(host.run(RemoteCommand.asRoot("sha256sum < " + IMAGES + " | cut -d' ' -f1; ls -A /var/lib/k3j-test")).stdout())
                    .isEqualTo(images.sha256() + "\nimages.tar\n");
        } finally {
            lab.exec("host1", "rm", "-rf", "/var/lib/k3j-test");
        }
        // A command is logged once it ends: the drop came while the file was being sent, not after.
        String log = readLog();
        assertThat(log.indexOf("reconnecting")).isPositive().isLessThan(log.indexOf("mktemp"));
    }

    @Test
    void aHostReadingSlowerThanWeSendGetsTheWholeInputBeforeItsEnd(Lab lab) throws IOException {
        // Its SSH window is full when the input ends (as pg_restore's under a 200 MB dump): sshj's
        // close() alone sent what it still buffered only as far as the window allowed.
        long size = (16L << 20) + 12345;
        Content.LocalFile input = new LocalFiles().content(generated(size));
        String slowReader = "perl -e '$n = 0; while (($r = sysread(STDIN, $b, 4096)) > 0) { $n += $r; "
                + "select(undef, undef, undef, 0.0005) } print $n'";
        try (SshHost host = connect(lab, "host1", "root", null, lab.knownHosts(), false)) {
            assertThat(host.run(RemoteCommand.asRoot(slowReader).withStdin(input)).stdout()).isEqualTo(Long.toString(size));
        }
    }

    @Test
    void bytesThatAreNotTheOnesHashedAreNeverRenamedIntoPlace(Lab lab) throws IOException {
        // As if the local file changed between hashing and sending.
        Path file = Files.writeString(temp.resolve("k3s"), "new");
        Content.LocalFile stale = new Content.LocalFile(file, 3, Content.of("old").sha256());
        try (SshHost host = connect(lab, "host1", "opsp", Lab.SUDO_PASSWORD, lab.knownHosts(), false)) {
            host.upload("/var/lib/k3j-test/k3s", Content.of("was"), "0755", "root:root");

            assertThatThrownBy(() -> host.upload("/var/lib/k3j-test/k3s", stale, "0755", "root:root"))
                    .isInstanceOf(SshException.class).hasMessageContaining("cannot write /var/lib/k3j-test/k3s: received 3 bytes, "
                            + "not the 3 bytes with sha256 " + stale.sha256() + " that were sent");
            assertThat(host.run(RemoteCommand.asRoot("cat /var/lib/k3j-test/k3s; ls -A /var/lib/k3j-test")).stdout())
                    .isEqualTo("wask3s\n");
        } finally {
            lab.exec("host1", "rm", "-rf", "/var/lib/k3j-test");
        }
    }

    /** A file of {@code size} bytes of numbered text lines, written a line at a time (never held whole). */
    private Path generated(long size) throws IOException {
        Path file = temp.resolve("images.tar");
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            for (long written = 0, line = 0; written < size; line++) {
                byte[] bytes = String.format("%s %012d%n", LINE_MARK, line).getBytes(StandardCharsets.UTF_8);
                int length = (int) Math.min(bytes.length, size - written);
                out.write(bytes, 0, length);
                written += length;
            }
        }
        return file;
    }

    private static void awaitTempFile(Path folder) throws InterruptedException, IOException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!Files.isDirectory(folder) || !hasTempFile(folder)) {
            assertThat(System.nanoTime()).as("a temp file in " + folder).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private static boolean hasTempFile(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith(".k3j."));
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
