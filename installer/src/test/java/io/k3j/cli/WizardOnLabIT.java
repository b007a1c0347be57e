package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabKnownHosts;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wizard on the lab: the real launcher in a real pseudo-terminal, answered as an operator
 * would for the ha-postgres topology (PostgreSQL on db1 and HAProxy on lb1 set up by k3j-install,
 * K3s from the lab's mirror). Its SSH tests reach the real hosts, one of them with a key the
 * known_hosts file does not hold yet; then plan and apply run from the wizard, and the cluster
 * comes up.
 */
@LabTopology("ha-postgres")
class WizardOnLabIT {
    private static final Path REPO = Path.of(System.getProperty("k3j.repo.root"));
    private static final String LAUNCHER = REPO.resolve("k3j-install").toString();
    private static final Path RELEASE = REPO.resolve("lab/k3s-double/target/release");
    private static final Duration APPLY = Duration.ofMinutes(10);
    private static final List<String> SERVERS = List.of("server1", "server2", "server3");
    private static final List<String> WORKERS = List.of("worker1", "worker2");
    private static final String NEW_KEY_HOST = "worker2";

    @TempDir
    Path folder;

    @BeforeAll
    static void publishK3sAndStartItQuickly(Lab lab) {
        lab.publish(RELEASE);
        LabCluster.startServersQuickly(lab, SERVERS);
    }

    @Test
    void aSessionThatTestsTheLabHostsOverSshAppliesAndTheClusterComesUp(Lab lab) throws Exception {
        Path knownHosts = LabKnownHosts.without(lab, NEW_KEY_HOST, folder.resolve("known_hosts"));
        String transcript;
        try (PtySession wizard = PtySession.start(LAUNCHER + " wizard --no-color", folder, Map.of("TERM", "xterm-256color"))) {
            wizard.expect("Cluster name: ").type("lab")
                    .expect("K3s version [v1.31.4+k3s1]: ").type("")
                    .expect("How the K3s binary gets onto the hosts [download]: ").type("")
                    .expect("Download from [https://github.com/k3s-io/k3s/releases/download]: ").type(Lab.MIRROR_URL)
                    .expect("Cluster token (empty: generated): ").type("")
                    .expect("SSH user [root]: ").type("")
                    .expect("SSH port [22]: ").type("")
                    .expect("SSH private key (empty: the usual ~/.ssh keys): ").type(lab.operatorKey().toString())
                    .expect("known_hosts file [~/.ssh/known_hosts]: ").type(knownHosts.toString());
            wizard.expect("Step 1 of 4: the datastore").expect("Datastore type [postgres]: ").type("")
                    .expect("set it up [provision]: ").type("")
                    .expect("Host to set the datastore up on: ").type(address(lab, "db1"));
            testSsh(wizard, lab, List.of("db1"));
            wizard.expect("Database name [k3s]: ").type("")
                    .expect("Database user [k3s]: ").type("")
                    .expect("Database password (empty: generated): ").type("");
            wizard.expect("Step 2 of 4: the servers").expect("Server hosts (two or more): ").type(named(lab, SERVERS));
            testSsh(wizard, lab, SERVERS);
            wizard.expect("Dedicated control plane (no workloads on the servers) [no]: ").type("");
            wizard.expect("Step 3 of 4: the fixed registration address").expect("What is the fixed address [existing]: ").type("haproxy")
                    .expect("HAProxy hosts: ").type(address(lab, "lb1"));
            testSsh(wizard, lab, List.of("lb1"));
            wizard.expect("Virtual IP (empty: none): ").type("")
                    .expect("Registration address [" + address(lab, "lb1") + "]: ").type("")
                    .expect("Registration port [6443]: ").type("");
            wizard.expect("Step 4 of 4: the workers").expect("Worker hosts (empty: none): ").type(named(lab, WORKERS));
            refuseTheNewKeyThenAcceptIt(wizard, lab, knownHosts);
            wizard.expect("Review").expect("[write]: ").type("")
                    .expect("wrote inventory.yaml: cluster lab, 3 servers, 2 workers")
                    .expect("Run 'k3j-install plan inventory.yaml' now [yes]: ").type("")
                    .expect("Run 'k3j-install apply inventory.yaml' now [no]: ", APPLY).type("yes")
                    .expect("kubeconfig: ", APPLY);
            assertThat(wizard.exitCode()).as(wizard.transcript()).isZero();
            transcript = wizard.transcript();
        }
        Files.writeString(REPO.resolve("installer/target/wizard-on-lab-transcript.txt"), transcript);

        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), List.of("server1", "server2", "server3"),
                List.of("worker1", "worker2"));
        assertThat(Files.readString(knownHosts)).as("the accepted key, added to the known_hosts the wizard was given")
                .contains(address(lab, NEW_KEY_HOST) + " " + LabKnownHosts.key(lab, NEW_KEY_HOST));
        Path inventory = folder.resolve("inventory.yaml");
        CliRun validate = CliRun.of("validate", inventory.toString());
        assertThat(validate.exitCode()).as(validate.out() + validate.err()).isZero();
        assertThat(validate.out()).contains("is valid: cluster lab, 3 servers, 2 workers");
        assertThat(Files.readString(inventory)).contains("mirror: " + Lab.MIRROR_URL);
        assertNoGeneratedSecretIn(lab, transcript, Files.readString(inventory), runLogs());
    }

    /** Says yes to the SSH test of {@code hosts} and expects each one's real facts. */
    private static void testSsh(PtySession wizard, Lab lab, List<String> hosts) throws Exception {
        wizard.expect("Test SSH to " + hosts.stream().map(host -> address(lab, host)).collect(Collectors.joining(", ")) + " now [yes]: ")
                .type("");
        for (String host : hosts) {
            wizard.expect("✓ " + address(lab, host) + ": " + facts(lab, host));
        }
    }

    /**
     * The worker whose key is not in known_hosts: refused on a no (known_hosts unchanged, the
     * host reported as failed), then, with the same list tested again, accepted on a yes.
     */
    private static void refuseTheNewKeyThenAcceptIt(PtySession wizard, Lab lab, Path knownHosts) throws Exception {
        String newcomer = address(lab, NEW_KEY_HOST);
        String offered = "  " + newcomer + " offers the host key " + LabKnownHosts.fingerprint(lab, NEW_KEY_HOST)
                + ", which is not in known_hosts yet.";
        String before = Files.readString(knownHosts);
        wizard.expect("Test SSH to " + address(lab, "worker1") + ", " + newcomer + " now [yes]: ").type("")
                .expect("✓ " + address(lab, "worker1") + ": " + facts(lab, "worker1"))
                .expect(offered).expect("Is that " + newcomer + "'s key? Add it to known_hosts [no]: ").type("")
                .expect("✗ " + newcomer + ": its host key " + LabKnownHosts.fingerprint(lab, NEW_KEY_HOST) + " was not accepted")
                .expect("Change the hosts [yes]: ");
        assertThat(Files.readString(knownHosts)).as("known_hosts after a no").isEqualTo(before);
        wizard.type("")
                .expect("Worker hosts (empty: none) [" + named(lab, WORKERS) + "]: ").type("")
                .expect(" now [yes]: ").type("")
                .expect("✓ " + address(lab, "worker1") + ": " + facts(lab, "worker1"))
                .expect(offered).expect("Add it to known_hosts [no]: ").type("yes")
                .expect("✓ " + newcomer + ": " + facts(lab, NEW_KEY_HOST));
    }

    /** The token and the database password apply generated, read back from a server's config.yaml. */
    private static void assertNoGeneratedSecretIn(Lab lab, String... texts) {
        String config = lab.exec("server1", "cat", "/etc/rancher/k3s/config.yaml").orThrow("read config.yaml").stdout();
        String token = match(config, "(?m)^token: \"?([^\"\\n]+)\"?$");
        String password = match(config, "(?m)^datastore-endpoint: \"?postgres://[^:]+:([^@]+)@");
        for (String text : texts) {
            assertThat(text).doesNotContain(token, password);
        }
    }

    /** The run logs of the wizard's SSH tests, of plan and of apply, next to the inventory. */
    private String runLogs() throws IOException {
        try (Stream<Path> logs = Files.list(folder.resolve(".k3j/logs"))) {
            List<Path> files = logs.sorted().toList();
            assertThat(files).as("run logs").anyMatch(log -> log.getFileName().toString().startsWith("wizard-"))
                    .anyMatch(log -> log.getFileName().toString().startsWith("apply-"));
            StringBuilder all = new StringBuilder();
            for (Path log : files) {
                all.append(Files.readString(log));
            }
            return all.toString();
        }
    }

    private static String match(String text, String regex) {
        Matcher matcher = Pattern.compile(regex).matcher(text);
        assertThat(matcher.find()).as(regex + " in\n" + text).isTrue();
        return matcher.group(1);
    }

    private static String facts(Lab lab, String host) {
        String os = lab.exec(host, "sh", "-c", ". /etc/os-release && echo \"$PRETTY_NAME\"").orThrow("os-release").stdout().strip();
        String arch = lab.exec(host, "uname", "-m").orThrow("uname").stdout().strip();
        return os + ", " + arch + ", no K3s yet";
    }

    /** {@code NAME=ADDRESS, ...}: the hosts with their node names, as typed at the wizard. */
    private static String named(Lab lab, List<String> hosts) {
        return hosts.stream().map(host -> host + "=" + address(lab, host)).collect(Collectors.joining(", "));
    }

    private static String address(Lab lab, String host) {
        return lab.host(host).address();
    }
}
