package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Debian's real kubectl (the operator's, as the lab unpacks it) against the double's API on this
 * machine's loopback ({@link LocalApiServer}; no lab hosts): Leases in kube-system created, listed
 * with their holder, replaced at their resourceVersion, refused at a stale one with the
 * apiserver's Conflict, deleted.
 */
class LeasesKubectlIT {
    /** Where {@code lab/lab prepare} unpacks Debian's kubernetes-client (every lab test run prepares it). */
    private static final Path KUBECTL = Path.of("/var/cache/k3j-lab/kubernetes-client/usr/bin/kubectl");

    @TempDir
    static Path temp;
    private static LocalApiServer server;
    private static Path kubeconfig;

    @BeforeAll
    static void start() throws Exception {
        assertThat(KUBECTL).as("Debian's kubectl, unpacked by 'lab/lab prepare' (as root)").isExecutable();
        server = LocalApiServer.start();
        kubeconfig = server.kubeconfig(temp);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private record Run(int exit, String stdout, String stderr) {
    }

    private static Run kubectl(String stdin, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(KUBECTL.toString(), "--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(temp, "out", ".txt");
        Path err = Files.createTempFile(temp, "err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", arguments) + " did not end within 60 s");
        }
        return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }

    private static String lease(String holder, String resourceVersion) {
        return "{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"k3j-apply\",\"namespace\":\"kube-system\""
                + (resourceVersion.isEmpty() ? "" : ",\"resourceVersion\":\"" + resourceVersion + "\"")
                + "},\"spec\":{\"holderIdentity\":\"" + holder + "\",\"leaseDurationSeconds\":60}}";
    }

    @Test
    void createGetReplaceAtItsVersionConflictAtAStaleOneAndDelete() throws Exception {
        // kubectl 1.20 validates create and replace against /openapi/v2, which the double does not serve
        Run created = kubectl(lease("alice@ops.example.com 4242", ""), "create", "--validate=false", "-f", "-");
        Run table = kubectl("", "get", "lease", "-n", "kube-system");
        String first = kubectl("", "get", "lease", "k3j-apply", "-n", "kube-system", "-o", "jsonpath={.metadata.resourceVersion}").stdout();
        Run replaced = kubectl(lease("alice@ops.example.com 4242", first), "replace", "--validate=false", "-f", "-");
        Run stale = kubectl(lease("bob@ci.example.com 7", first), "replace", "--validate=false", "-f", "-");
        String holder = kubectl("", "get", "lease", "k3j-apply", "-n", "kube-system", "-o", "jsonpath={.spec.holderIdentity}").stdout();
        Run deleted = kubectl("", "delete", "lease", "k3j-apply", "-n", "kube-system");
        Run gone = kubectl("", "get", "lease", "k3j-apply", "-n", "kube-system");

        assertThat(created.exit()).as(created.stderr()).isZero();
        assertThat(created.stdout()).isEqualTo("lease.coordination.k8s.io/k3j-apply created\n");
        assertThat(table.stdout()).containsPattern("\\ANAME +HOLDER +AGE\nk3j-apply +alice@ops.example.com 4242 +\\d+s\n\\z");
        assertThat(replaced.stdout()).as(replaced.stderr()).isEqualTo("lease.coordination.k8s.io/k3j-apply replaced\n");
        assertThat(stale.exit()).isEqualTo(1);
        assertThat(stale.stderr()).contains("Error from server (Conflict): error when replacing \"STDIN\": Operation cannot be fulfilled on "
                + "leases.coordination.k8s.io \"k3j-apply\": the object has been modified; please apply your changes to the latest "
                + "version and try again");
        assertThat(holder).isEqualTo("alice@ops.example.com 4242");
        assertThat(deleted.stdout()).as(deleted.stderr()).isEqualTo("lease.coordination.k8s.io \"k3j-apply\" deleted\n");
        assertThat(gone.stderr()).contains("Error from server (NotFound): leases.coordination.k8s.io \"k3j-apply\" not found");
    }
}
