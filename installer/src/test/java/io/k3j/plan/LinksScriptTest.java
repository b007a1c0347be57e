package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.render.TemplateRenderer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** install.sh's create_symlinks as links.sh.ftl does it, run with sh in a folder of its own (the binary's folder from the model). */
class LinksScriptTest {
    private final TemplateRenderer renderer = new TemplateRenderer();

    @TempDir
    Path temp;
    private Path bin;
    private Path elsewhere;
    private Path tools;

    @BeforeEach
    void folders() throws IOException {
        bin = Files.createDirectories(temp.resolve("bin"));
        elsewhere = Files.createDirectories(temp.resolve("elsewhere"));
        // Only the tools the script runs: a kubectl this machine has must not count.
        tools = Files.createDirectories(temp.resolve("tools"));
        for (String tool : new String[] {"dirname", "ln"}) {
            Files.writeString(tools.resolve(tool), "#!/bin/sh\nexec " + Path.of("/usr/bin", tool).toRealPath() + " \"$@\"\n");
            tools.resolve(tool).toFile().setExecutable(true);
        }
        Files.writeString(bin.resolve("k3s"), "#!/bin/sh\n");
        bin.resolve("k3s").toFile().setExecutable(true);
    }

    @Test
    void theDownloadScriptMakesNoLinkItselfSoAKubectlOnThePathIsLeftTheOneThatRuns() {
        // The links are links.sh's alone: the download used to link whatever /usr/local/bin lacked (PruneOnLabIT saw kubectl linked
        // on a host whose PATH has Debian's /usr/bin/kubectl).
        String download = renderer.render("k3s/install-download.sh.ftl", Map.of("mirror", "https://mirror.example.com",
                "version", "v1.31.4+k3s1", "arch", "amd64"));

        assertThat(download).doesNotContain("ln ");
    }

    @Test
    void eachCommandMissingFromThePathIsLinkedToK3sOnceAndTheProbeSaysSoBeforehand() throws Exception {
        assertThat(run("k3s/probe-links.sh.ftl")).contains(Operation.Script.CHANGED);
        assertThat(Files.exists(bin.resolve("kubectl"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();

        assertThat(run("k3s/links.sh.ftl")).contains(Operation.Script.CHANGED);

        for (String command : new String[] {"kubectl", "crictl", "ctr"}) {
            assertThat(Files.readSymbolicLink(bin.resolve(command))).isEqualTo(Path.of("k3s"));
        }
        assertThat(run("k3s/links.sh.ftl")).doesNotContain(Operation.Script.CHANGED);
        assertThat(run("k3s/probe-links.sh.ftl")).doesNotContain(Operation.Script.CHANGED);
    }

    @Test
    void aCommandOnThePathElsewhereGetsNoLinkAndNeitherDoesAFileAlreadyThere() throws Exception {
        Files.writeString(elsewhere.resolve("kubectl"), "#!/bin/sh\n");
        elsewhere.resolve("kubectl").toFile().setExecutable(true);
        Files.writeString(bin.resolve("ctr"), "not a link\n");

        String said = run("k3s/links.sh.ftl");

        assertThat(said).contains("kubectl is on the PATH at " + elsewhere.resolve("kubectl"));
        assertThat(bin.resolve("kubectl")).doesNotExist();
        assertThat(Files.isSymbolicLink(bin.resolve("ctr"))).isFalse();
        assertThat(Files.readSymbolicLink(bin.resolve("crictl"))).isEqualTo(Path.of("k3s"));
    }

    /** The script on sh's standard input, with a PATH of the temp folder "elsewhere" and the tools it needs. */
    private String run(String template) throws IOException, InterruptedException {
        String script = renderer.render(template, Map.of("binary", bin.resolve("k3s").toString()));
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-s").redirectErrorStream(true);
        builder.environment().put("PATH", elsewhere + ":" + tools);
        Process process = builder.start();
        process.getOutputStream().write(script.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
