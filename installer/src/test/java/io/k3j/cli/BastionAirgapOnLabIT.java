package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.lab.LabTopology;
import io.k3j.labtest.LabCluster;
import io.k3j.labtest.LabInventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hosts this machine reaches only through a bastion, and that reach nothing outside (no mirror
 * either): K3s goes on them air-gapped, binary and images uploaded from here; SSH as {@code opsp},
 * whose sudo asks for a password; the registration address a DNS name for both servers.
 */
@LabTopology("bastion")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BastionAirgapOnLabIT {
    private static final Map<String, String> SECRETS = Map.of("SUDO_PASSWORD", Lab.SUDO_PASSWORD);
    private static final Path IMAGES = LabCluster.RELEASE.resolve(LabCluster.K3S_VERSION).resolve("k3s-airgap-images-amd64.tar.gz");
    private static final List<String> SERVERS = List.of("server1", "server2");
    private static final List<String> WORKERS = List.of("worker1");

    @TempDir
    static Path temp;

    private static Path inventory;

    @BeforeAll
    static void setUp(Lab lab) throws IOException {
        LabCluster.startServersQuickly(lab, SERVERS);
        inventory = temp.resolve("inventory.yaml");
        Files.writeString(inventory, """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: dmz}
                spec:
                  ssh:
                    user: opsp
                    keyPath: "%s"
                    knownHosts: "%s"
                    sudoPassword: "${env:SUDO_PASSWORD}"
                    bastion: {address: %s, user: root}
                  k3s:
                    version: %s
                    install: airgap
                    airgap: {binary: "%s", images: "%s"}
                  datastore:
                    type: postgres
                    provision: {host: {address: %s}}
                  servers:
                    hosts: [%s]
                  registration:
                    address: k8s.inner.lab
                    mode: dns
                  workers:
                    hosts: [%s]
                """.formatted(lab.operatorKey(), lab.knownHosts(), lab.host("jump").address(), LabCluster.K3S_VERSION,
                LabCluster.K3S_BINARY, IMAGES, lab.host("db1").address(), LabInventory.hostList(lab, "server"),
                LabInventory.hostList(lab, "worker")));
    }

    private static CliRun apply() {
        return CliRun.onInventory(SECRETS, "apply", inventory, temp, "--kubeconfig=" + temp.resolve("kubeconfig"));
    }

    @Test
    @Order(1)
    void theClusterComesUpThroughTheBastionWithUploadedK3sAndPasswordSudo(Lab lab) throws IOException {
        CliRun run = apply();

        assertThat(run.exitCode()).as(run.all()).isZero();
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, "server1"), SERVERS, WORKERS);
        for (String node : List.of("server1", "server2", "worker1")) {
            assertThat(sha256On(lab, node, "/usr/local/bin/k3s")).as("k3s on " + node).isEqualTo(sha256(LabCluster.K3S_BINARY));
            assertThat(sha256On(lab, node, "/var/lib/rancher/k3s/agent/images/" + IMAGES.getFileName())).as("images on " + node)
                    .isEqualTo(sha256(IMAGES));
        }
        assertThat(Files.readString(temp.resolve("kubeconfig"))).contains("server: https://k8s.inner.lab:6443");
        assertThat(kubectlOnTheBastion(lab)).contains("worker1").contains("Ready");
        // opsp may write nothing of this as itself: root-owned files mean sudo, which asks opsp for the password.
        String log = Files.readString(temp.resolve("run.log"));
        assertThat(log).contains("connected to opsp@" + lab.host("server1").address() + ":22 through " + lab.host("jump").address());
        assertThat(lab.exec("server1", "stat", "-c", "%U %a", "/etc/rancher/k3s/config.yaml").stdout().strip()).isEqualTo("root 600");
        assertThat(run.all() + log).doesNotContain(Lab.SUDO_PASSWORD);
    }

    @Test
    @Order(2)
    void aSecondApplyChangesNothing(Lab lab) {
        String before = LabCluster.invocations(lab, SERVERS, WORKERS);

        CliRun run = apply();

        assertThat(run.exitCode()).as(run.all()).isZero();
        assertThat(run.out()).contains("no changes: every host already matched the inventory");
        assertThat(LabCluster.invocations(lab, SERVERS, WORKERS)).isEqualTo(before);
    }

    /** This machine has no route to the registration address: kubectl runs where the operator would, on the bastion. */
    private static String kubectlOnTheBastion(Lab lab) {
        lab.copyInto("jump", LabCluster.K3S_BINARY, "/root/k3j-test/k3s", "755");
        lab.copyInto("jump", temp.resolve("kubeconfig"), "/root/k3j-test/kubeconfig", "600");
        return lab.exec("jump", "/root/k3j-test/k3s", "kubectl", "--kubeconfig", "/root/k3j-test/kubeconfig", "get", "nodes")
                .orThrow("kubectl on the bastion").stdout();
    }

    private static String sha256On(Lab lab, String host, String file) {
        return lab.exec(host, "sha256sum", file).orThrow("sha256sum " + file + " on " + host).stdout().split(" ")[0];
    }

    private static String sha256(Path file) throws IOException {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
