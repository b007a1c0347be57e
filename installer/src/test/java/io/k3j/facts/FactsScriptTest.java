package io.k3j.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts script itself, run by this machine's /bin/sh (dash on Debian, as on the hosts) with
 * the host's commands replaced by stubs that print what a K3s server with PostgreSQL prints.
 */
class FactsScriptTest {

    @TempDir
    Path bin;

    @Test
    void aServerWithK3sAndPostgresqlReadsAsSuch() throws Exception {
        stub("systemctl", """
                case $1 in
                  is-system-running) echo running ;;
                  is-active) shift; for unit; do case $unit in k3s|postgresql) echo active ;; *) echo inactive ;; esac; done; exit 3 ;;
                esac""");
        stub("ip", "printf '2: eth0    inet 198.51.100.11/24 brd 198.51.100.255 scope global eth0\\n"
                + "2: eth0    inet6 2001:db8::11/64 scope global\\n'");
        stub("ss", "printf 'LISTEN 0 4096 0.0.0.0:22 0.0.0.0:*\\nLISTEN 0 4096 *:6443 *:*\\nLISTEN 0 4096 [::]:22 [::]:*\\n'");
        stub("df", "printf 'Filesystem 1024-blocks Used Available Capacity Mounted on\\n/dev/vda1 100 20 83746084 20%% /\\n'");
        stub("dpkg-query", "printf 'postgresql:installed mariadb-server:not-installed haproxy: curl:installed '");

        HostFacts facts = FactsParser.parse(run());

        assertThat(facts.activeServices()).containsExactlyInAnyOrder("k3s", "postgresql");
        assertThat(facts.addresses()).containsExactly("198.51.100.11", "2001:db8::11");
        assertThat(facts.listeningPorts()).containsExactly(22, 6443);
        assertThat(facts.diskFreeKb()).isEqualTo(83746084L);
        assertThat(facts.installedPackages()).containsExactlyInAnyOrder("postgresql", "curl");
        assertThat(facts.hostname()).isEqualTo(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip());
    }

    @Test
    void everyFactIsOneLineAndAHostWithoutSystemdHasNoUnitStates() throws Exception {
        stub("systemctl", "echo 'System has not been booted with systemd as init system (PID 1). Can'\"'\"'t operate.' >&2; exit 1");

        String output = run();

        List<String> keys = output.lines().map(line -> line.substring(0, line.indexOf('='))).toList();
        assertThat(keys).doesNotHaveDuplicates().contains("os", "arch", "kernel", "hostname", "k3s_version", "k3s_server", "etcd", "packages");
        assertThat(output).contains("\nk3s_server=\n").contains("\nk3s_agent=\n").contains("\netcd=\n").contains("\nsystemd_state=\n");
        assertThat(FactsParser.parse(output).activeServices()).isEmpty();
    }

    @Test
    void aRunningEtcdMemberListsItsClusterAsItsEtcdctlDoes() throws Exception {
        stub("systemctl", """
                case $1 in
                  is-active) shift; for unit; do case $unit in k3j-etcd) echo active ;; *) echo inactive ;; esac; done; exit 3 ;;
                esac""");
        // etcdctl 3.4's simple output; an added member that has not started yet has no name.
        stub("etcdctl", "[ \"$ETCDCTL_API\" = 3 ] && [ \"$1\" = --endpoints=http://127.0.0.1:2379 ] || exit 9\n"
                + "printf '8e9e05c52164694d, started, db1, https://db1.example.com:2380, https://198.51.100.21:2379, false\\n"
                + "91bc3c398fb3c146, unstarted, , https://db4.example.com:2380, , true\\n'");

        HostFacts facts = FactsParser.parse(run());

        assertThat(facts.etcdMembers()).contains("8e9e05c52164694d|started|db1|https://db1.example.com:2380|https://198.51.100.21:2379|false "
                + "91bc3c398fb3c146|unstarted||https://db4.example.com:2380||true");
    }

    @Test
    void anEtcdMemberThatDoesNotRunListsNoMembers() throws Exception {
        stub("systemctl", "[ \"$1\" = is-active ] && { shift; for unit; do echo inactive; done; exit 3; }");
        stub("etcdctl", "echo 'should not be asked'");

        assertThat(FactsParser.parse(run()).etcdMembers()).isEmpty();
    }

    private void stub(String name, String body) throws IOException {
        Path file = bin.resolve(name);
        Files.writeString(file, "#!/bin/sh\n" + body + "\n", StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private String run() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-s").redirectErrorStream(false);
        builder.environment().put("PATH", bin + ":/usr/bin:/bin");
        Process process = builder.start();
        process.getOutputStream().write(FactsScript.text().getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("the facts script ended").isTrue();
        assertThat(process.exitValue()).as("its exit status").isZero();
        return output;
    }
}
