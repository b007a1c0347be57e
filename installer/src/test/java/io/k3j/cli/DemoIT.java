package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabExtension;
import io.k3j.lab.MachineLock;
import io.k3j.labtest.LabCluster;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, run as a user runs it: {@code lab/demo} brings up its own lab,
 * applies, and lists the nodes through the registration address. The lab is torn down after.
 */
class DemoIT {
    private static final Path REPO = Path.of(System.getProperty("k3j.repo.root"));

    private MachineLock lab;

    @AfterEach
    void tearDown() {
        if (lab != null) {
            try {
                Lab.downAny();
            } finally {
                lab.close();
            }
        }
    }

    @Test
    void theDemoInstallsTheWholeClusterAndListsItsNodesThroughTheRegistrationAddress() throws IOException, InterruptedException {
        LabExtension.assumeLabCanRun();
        LabExtension.releaseKeptLab();   // lab/demo brings up a lab of its own
        lab = MachineLock.acquire();
        Lab.downAny();
        Process demo = new ProcessBuilder(REPO.resolve("lab/demo").toString()).directory(REPO.toFile()).redirectErrorStream(true).start();
        demo.getOutputStream().close();
        String output = new String(demo.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(demo.waitFor(10, TimeUnit.MINUTES)).as("the demo finished").isTrue();

        assertThat(demo.exitValue()).as(output).isZero();
        String heading = "==> kubectl get nodes -o wide";
        String nodesThroughTheAddress = output.substring(output.indexOf('\n', output.indexOf(heading)) + 1, output.indexOf("\n\n==> Done"));
        LabCluster.assertReadyNodes(nodesThroughTheAddress, List.of("server1", "server2", "server3"), List.of("worker1", "worker2"));
        assertThat(output).contains("lab/lab down");
        // Kept for docs/quickstart.md, which shows a real run.
        Files.writeString(REPO.resolve("installer/target/demo-output.txt"), output);
    }
}
