package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** The lab itself on its smallest topology: hosts, keys, users, mirror, faults, reset, tear-down. */
@LabTopology("minimal")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MinimalLabIT {

    @Test
    @Order(1)
    void everyHostWithAKnownKeyAnswersSshWithThatKeyAndRunsSystemd(Lab lab) {
        for (LabHost host : lab.hosts()) {
            if (host.unknownKey()) {
                continue;
            }
            // --wait: a login's own session units briefly put systemd back into "starting".
            CommandResult result = lab.ssh(host.name(), "hostname; systemctl is-system-running --wait");
            assertThat(result.exitCode()).as(result.stdout() + result.stderr()).isZero();
            assertThat(result.stdout()).isEqualTo(host.name() + "\nrunning\n");
        }
    }

    @Test
    @Order(2)
    void aHostLeftOutOfKnownHostsIsRefusedByAStrictClient(Lab lab) {
        LabHost unknown = lab.hosts().stream().filter(LabHost::unknownKey).findFirst().orElseThrow();

        CommandResult result = lab.ssh(unknown.name(), "true");

        assertThat(result.exitCode()).isEqualTo(255);
        assertThat(result.stderr()).contains("Host key verification failed");
    }

    @Test
    @Order(3)
    void everyHostHasItsOwnHostKeyAndMachineId(Lab lab) {
        Set<String> keys = lab.hosts().stream()
                .map(host -> lab.exec(host.name(), "cat", "/etc/ssh/ssh_host_ed25519_key.pub").orThrow("read key").stdout().split(" ")[1])
                .collect(Collectors.toSet());
        Set<String> machineIds = lab.hosts().stream()
                .map(host -> lab.exec(host.name(), "cat", "/etc/machine-id").orThrow("read machine-id").stdout().strip())
                .collect(Collectors.toSet());

        assertThat(keys).hasSize(lab.hosts().size());
        assertThat(machineIds).hasSize(lab.hosts().size());
    }

    @Test
    @Order(4)
    void hostsHaveNoRouteOutOfTheLab(Lab lab) {
        String routes = lab.exec("host1", "ip", "-4", "route", "show").orThrow("ip route").stdout();

        assertThat(routes).doesNotContain("default").contains("10.213.0.0/25 dev eth0");
    }

    @Test
    @Order(5)
    void sudoUsersBehaveAsDescribed(Lab lab) {
        String host = lab.host("host1").address();

        assertThat(sshAs(lab, "ops", host, "sudo -n id -u").stdout()).isEqualTo("0\n");
        CommandResult withoutPassword = sshAs(lab, "opsp", host, "sudo -n id -u");
        assertThat(withoutPassword.exitCode()).isNotZero();
        assertThat(withoutPassword.stderr()).contains("a password is required");
        assertThat(sshAs(lab, "opsp", host, "echo " + Lab.SUDO_PASSWORD + " | sudo -S -p '' id -u").stdout()).isEqualTo("0\n");
    }

    @Test
    @Order(6)
    void theMirrorServesPublishedFilesWithTheirChecksums(Lab lab, @TempDir Path release) throws IOException {
        Path version = Files.createDirectories(release.resolve("v1.31.4+k3s1"));
        byte[] binary = "#!/bin/sh\necho a k3s stand-in\n".getBytes();
        Files.write(version.resolve("k3s"), binary);
        Files.writeString(version.resolve("sha256sum-amd64.txt"), sha256(binary) + "  k3s\n");
        lab.publish(release);

        CommandResult fetched = lab.ssh("host1", "cd /tmp && curl -fsS -O " + Lab.MIRROR_URL + "/v1.31.4%2Bk3s1/k3s"
                + " && curl -fsS " + Lab.MIRROR_URL + "/v1.31.4%2Bk3s1/sha256sum-amd64.txt | sha256sum -c -");

        assertThat(fetched.exitCode()).as(fetched.stderr()).isZero();
        assertThat(fetched.stdout()).contains("k3s: OK");
    }

    @Test
    @Order(7)
    void aStoppedHostComesBackAndACutLinkIsRestored(Lab lab) {
        lab.stop("host1");
        assertThat(lab.ssh("host1", "true").exitCode()).isNotZero();
        lab.start("host1");
        assertThat(lab.ssh("host1", "systemctl is-system-running --wait").stdout()).isEqualTo("running\n");

        lab.cut("host1");
        assertThat(sshAs(lab, "root", lab.host("host1").address(), "true", "-o", "ConnectTimeout=2").exitCode()).isNotZero();
        lab.restore("host1");
        assertThat(lab.ssh("host1", "true").exitCode()).isZero();
    }

    @Test
    @Order(8)
    void aPausedHostAnswersNothingUntilResumedAndAKilledHostBootsAgain(Lab lab) {
        lab.pause("host1");
        assertThat(sshAs(lab, "root", lab.host("host1").address(), "true", "-o", "ConnectTimeout=2").exitCode()).isNotZero();
        lab.resume("host1");
        assertThat(lab.ssh("host1", "true").exitCode()).isZero();

        lab.kill("host1");
        assertThat(command("ip", "netns", "pids", "k3jlab-host1")).isEmpty();
        lab.start("host1");
        assertThat(lab.ssh("host1", "systemctl is-system-running --wait").stdout()).isEqualTo("running\n");
    }

    @Test
    @Order(9)
    void aResetBringsEveryHostBackAsUpMadeItWithTheSameKeys(Lab lab) throws IOException {
        String knownHosts = Files.readString(lab.knownHosts());
        String machineId = lab.exec("host1", "cat", "/etc/machine-id").orThrow("read machine-id").stdout();
        String mirrored = Lab.MIRROR_URL + "/v1.31.4%2Bk3s1/k3s";   // published by the mirror's test
        lab.exec("host1", "sh", "-c", "useradd left-behind && touch /etc/left-behind /run/left-behind "
                + "&& ip addr add 10.213.0.99/25 dev eth0").orThrow("leave state behind on host1");
        assertThat(lab.exec("host1", "curl", "-fsS", "-o", "/dev/null", mirrored).exitCode()).isZero();
        lab.cut("host1");

        lab.reset();

        assertThat(lab.ssh("host1", "systemctl is-system-running --wait").stdout()).isEqualTo("running\n");
        assertThat(lab.exec("host1", "sh", "-c", "id left-behind; ls /etc/left-behind /run/left-behind").stdout()).isEmpty();
        assertThat(lab.exec("host1", "ip", "-4", "-o", "addr", "show", "eth0").stdout())
                .contains(lab.host("host1").address() + "/25").doesNotContain("10.213.0.99");
        assertThat(lab.exec("host1", "curl", "-sS", "-o", "/dev/null", "-w", "%{http_code}", mirrored).stdout()).isEqualTo("404");
        assertThat(lab.exec("host1", "cat", "/etc/machine-id").stdout()).isEqualTo(machineId);
        assertThat(Files.readString(lab.knownHosts())).isEqualTo(knownHosts);
        assertThat(sshAs(lab, "opsp", lab.host("host1").address(), "echo " + Lab.SUDO_PASSWORD + " | sudo -S -p '' id -u").stdout())
                .isEqualTo("0\n");
    }

    @Test
    @Order(10)
    void tearDownLeavesNothingOfTheLab(Lab lab) throws IOException {
        Path state = lab.stateDirectory();

        lab.close();

        assertThat(state).doesNotExist();
        assertThat(command("ip", "netns", "list")).doesNotContain("k3jlab-");
        assertThat(command("ip", "-o", "link", "show")).doesNotContain("k3jlab0", "k3jv");
        assertThat(Files.readString(Path.of("/proc/mounts"))).doesNotContain(state.toString());
        assertThat(command("ip", "-4", "route", "show")).doesNotContain("10.213.0.");
        assertThat(command("pgrep", "-af", "systemd-nspawn")).doesNotContain("k3jlab-");
    }

    private static CommandResult sshAs(Lab lab, String user, String address, String command, String... options) {
        List<String> arguments = new java.util.ArrayList<>(List.of("ssh", "-i", lab.operatorKey().toString(),
                "-o", "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-o", "IdentitiesOnly=yes"));
        arguments.addAll(List.of(options));
        arguments.addAll(List.of(user + "@" + address, command));
        return Shell.run(arguments);
    }

    private static String command(String... command) {
        return Shell.run(List.of(command)).stdout();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
