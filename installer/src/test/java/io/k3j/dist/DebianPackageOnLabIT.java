package io.k3j.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Debian package the build made (src/dist/build-deb, before the lab tests) on a lab host
 * without Java: it runs on its own runtime, validates and plans an example inventory, shows its
 * man pages, and leaves nothing behind when removed.
 */
@LabTopology("minimal")
class DebianPackageOnLabIT {
    private static final Path REPO = Path.of(System.getProperty("k3j.repo.root"));
    private static final Path DIST = REPO.resolve("installer/target/dist");
    private static final String HOST = "host1";
    private static final List<String> INSTALLED_PATHS = List.of("/opt/k3j-install", "/usr/bin/k3j-install",
            "/usr/share/bash-completion/completions/k3j-install", "/usr/share/doc/k3j-install");

    private static Path debianPackage() throws IOException {
        try (Stream<Path> files = Files.list(DIST)) {
            List<Path> packages = files.filter(file -> file.getFileName().toString().matches("k3j-install_.+_amd64\\.deb")).toList();
            assertThat(packages).as("one Debian package in %s (built by ./mvnw verify, or package -Pdist)", DIST).hasSize(1);
            return packages.get(0);
        }
    }

    private static CommandResult run(Lab lab, String command) {
        return lab.exec(HOST, "sh", "-c", command);
    }

    private static CommandResult ok(Lab lab, String command) {
        return run(lab, command).orThrow(command + " on " + HOST);
    }

    @Test
    void installsOnAHostWithoutJavaRunsThereAndIsRemovedWithoutATrace(Lab lab) throws IOException {
        ok(lab, "DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq 'openjdk-*' 'default-jre*' ca-certificates-java");
        assertThat(run(lab, "command -v java || ls -d /usr/lib/jvm/*/bin/java").exitCode()).as("java left on " + HOST).isNotZero();

        lab.copyInto(HOST, debianPackage(), "/root/k3j-install.deb", "644");
        lab.copyInto(HOST, REPO.resolve("inventories/mysql-haproxy.yaml"), "/root/inventory.yaml", "644");
        ok(lab, "dpkg -i /root/k3j-install.deb");

        assertThat(ok(lab, "k3j-install --version").stdout())
                .matches("k3j-install \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown), built \\S+Z, Java 17[.\\d]*\\)\\n");
        assertThat(run(lab, "ls /opt/k3j-install/lib/k3j-install.jsa").exitCode())
                .as("the class-data-sharing archive made when the package was installed").isZero();
        assertThat(ok(lab, "cd /root && k3j-install validate inventory.yaml").stdout()).contains("inventory.yaml");
        assertThat(ok(lab, "cd /root && k3j-install plan --offline inventory.yaml").stdout())
                .contains("start k3s-agent and wait until the node is Ready");
        assertThat(ok(lab, "MANPAGER=cat MANWIDTH=100 man k3j-install-apply").stdout())
                .contains("k3j-install apply").contains("--ready-timeout");
        assertThat(ok(lab, "bash -c '. /usr/share/bash-completion/completions/k3j-install && complete -p k3j-install'").stdout())
                .contains("k3j-install");

        ok(lab, "dpkg -r k3j-install");

        for (String path : INSTALLED_PATHS) {
            assertThat(run(lab, "test -e " + path + " || test -L " + path).exitCode()).as(path + " left after dpkg -r").isNotZero();
        }
        assertThat(ok(lab, "ls /usr/share/man/man1").stdout()).doesNotContain("k3j-install");
    }
}
