package io.k3j.install;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.render.TemplateRenderer;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.HostKeyPolicy;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.SshHost;
import io.k3j.ssh.SshTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The download install method for real: the K3s double's release on the lab's mirror, fetched
 * by the installer's rendered script on a lab host, its sha256 checked against the release's list.
 */
@LabTopology("minimal")
class DownloadInstallIT {
    private static final String VERSION = "v1.31.4+k3s1";

    @TempDir
    Path temp;

    private static Path release() {
        return Path.of(System.getProperty("k3j.repo.root"), "lab/k3s-double/target/release");
    }

    private ExecResult install(Lab lab, String version) {
        String script = new TemplateRenderer().render("k3s/install-download.sh.ftl",
                Map.of("mirror", Lab.MIRROR_URL, "version", version, "arch", "amd64"));
        SshTarget target = new SshTarget("host1", lab.host("host1").address(), 22, "root", Optional.of(lab.operatorKey()),
                Optional.empty(), false, Optional.empty(), Optional.empty());
        try (SshHost host = SshHost.connect(target, new HostKeyPolicy(lab.knownHosts(), false),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()), Clock.systemUTC())) {
            return host.run(RemoteCommand.asRoot("sh -s").withStdin(script.getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void installsTheReleaseAfterCheckingItsSha256AndKeepsAnIdenticalBinary(Lab lab) {
        lab.publish(release());

        ExecResult first = install(lab, VERSION);
        ExecResult again = install(lab, VERSION);

        assertThat(first.exitStatus()).as(first.stderr()).isZero();
        assertThat(first.stdout()).contains("k3s " + VERSION + " installed");
        assertThat(again.stdout()).contains("already installed");
        assertThat(lab.ssh("host1", "k3s --version").stdout()).startsWith("k3s version " + VERSION + " (");
        // The kubectl/crictl/ctr links are links.sh's, planned after the unit starts (LinksScriptTest, PruneOnLabIT).
        assertThat(lab.ssh("host1", "readlink /usr/local/bin/kubectl").stdout()).as("a link made by the download script").isEmpty();
    }

    @Test
    void everyReleaseOfTheDoubleInstallsByTheVersionAnInventoryNames(Lab lab) throws IOException {
        lab.publish(release());
        List<String> versions;
        try (Stream<Path> directories = Files.list(release())) {
            versions = directories.map(directory -> directory.getFileName().toString()).sorted().toList();
        }

        assertThat(versions).as("the releases in " + release()).hasSizeGreaterThanOrEqualTo(3).contains(VERSION);
        for (String version : versions) {
            ExecResult result = install(lab, version);
            assertThat(result.stdout()).as(result.stderr()).contains("k3s " + version + " installed");
            assertThat(lab.ssh("host1", "k3s --version").stdout()).startsWith("k3s version " + version + " (");
        }
    }

    @Test
    void aBinaryThatDoesNotMatchItsChecksumIsRefusedAndNotInstalled(Lab lab) throws IOException {
        Path tampered = Files.createDirectories(temp.resolve("mirror/v1.31.5+k3s1"));
        Files.writeString(tampered.resolve("k3s"), "#!/bin/sh\necho tampered\n");
        Files.writeString(tampered.resolve("sha256sum-amd64.txt"), "0".repeat(64) + "  k3s\n");
        lab.publish(temp.resolve("mirror"));

        ExecResult result = install(lab, "v1.31.5+k3s1");

        assertThat(result.exitStatus()).isNotZero();
        assertThat(result.stderr()).contains("Download sha256 does not match " + "0".repeat(64) + ", got ");
        assertThat(lab.ssh("host1", "ls -A /usr/local/bin").stdout()).doesNotContain(".k3s.download");
    }
}
