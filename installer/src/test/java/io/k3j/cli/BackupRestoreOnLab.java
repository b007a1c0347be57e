package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.lab.Lab;
import io.k3j.labtest.LabCluster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Backup and restore on a cluster a lab test installed, seen through Debian's kubectl with the
 * kubeconfig apply wrote: a node label and a pod there at the backup, changed after it (the pod
 * deleted, the label removed), are back after {@code restore --stop-servers}, every node Ready;
 * a backup whose dump changed by one byte is refused. Shared by the provisioned-datastore classes.
 */
final class BackupRestoreOnLab {
    private static final String LABEL = "k3j.test/backup";
    static final String POD = "backup-probe";
    private static final Pattern BACKUP_EVENT = Pattern.compile("\"event\":\"backup\",\"path\":\"([^\"]+)\",\"bytes\":(\\d+)");

    private final Lab lab;
    private final Path inventory;
    private final Path kubeconfig;
    private final Path temp;
    private final Map<String, String> variables;

    BackupRestoreOnLab(InstalledOnLab cluster) {
        this.lab = cluster.lab();
        this.inventory = cluster.inventory();
        this.kubeconfig = cluster.kubeconfig();
        this.temp = cluster.temp();
        this.variables = cluster.variables();
    }

    /** Objects made, backed up, changed, restored: as at the backup. Returns the backup's folder. */
    Path backUpChangeAndRestore(List<String> servers, List<String> workers) throws IOException {
        Path pod = temp.resolve("pod.yaml");
        Files.writeString(pod, """
                apiVersion: v1
                kind: Pod
                metadata: {name: %s, namespace: default}
                spec:
                  containers: [{name: probe, image: registry.example.com/probe:1}]
                """.formatted(POD));
        kubectl("label", "node", workers.get(0), LABEL + "=kept");
        // The double serves no OpenAPI schema for kubectl to validate against (as KubectlIT).
        kubectl("create", "--validate=false", "-f", pod.toString());

        CliRun backup = CliRun.onInventory(variables, "backup", inventory, temp, "-o", temp.resolve("backups").toString(),
                "--output", "json");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        Matcher event = BACKUP_EVENT.matcher(backup.out());
        assertThat(event.find()).as(backup.out()).isTrue();
        Path folder = Path.of(event.group(1));
        assertThat(Long.parseLong(event.group(2))).isPositive();

        kubectl("delete", "pod", POD, "--namespace", "default", "--wait=false");
        kubectl("label", "node", workers.get(0), LABEL + "-");
        assertThat(kubectl("get", "pods", "--namespace", "default", "-o", "name")).doesNotContain(POD);
        assertThat(label(workers.get(0))).isEmpty();

        CliRun restore = CliRun.onInventory(variables, "restore", inventory, temp, folder.toString(), "--stop-servers", "--yes");

        assertThat(restore.exitCode()).as(restore.all()).isZero();
        assertThat(kubectl("get", "pods", "--namespace", "default", "-o", "name")).contains("pod/" + POD);
        assertThat(label(workers.get(0))).isEqualTo("kept");
        LabCluster.assertReadyNodes(LabCluster.nodesSeenFrom(lab, servers.get(servers.size() - 1)), servers, workers);
        return folder;
    }

    /** A copy of {@code folder} with one byte of its dump changed is refused before any host is touched. */
    void aChangedByteIsRefused(Path folder) throws IOException {
        Path tampered = temp.resolve("tampered");
        Files.createDirectories(tampered);
        try (var files = Files.list(folder)) {
            for (Path file : files.toList()) {
                Files.copy(file, tampered.resolve(file.getFileName()));
            }
        }
        Path dump;
        try (var files = Files.list(tampered)) {
            dump = files.filter(file -> file.getFileName().toString().startsWith("datastore.")).findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(dump);
        bytes[bytes.length / 2] ^= 1;
        Files.write(dump, bytes);

        CliRun restore = CliRun.onInventory(variables, "restore", inventory, temp, tampered.toString(), "--stop-servers", "--yes");

        assertThat(restore.exitCode()).as(restore.all()).isEqualTo(ExitCode.REFUSED.code());
        assertThat(restore.err()).contains("does not match its checksums: " + dump.getFileName() + " has sha256", "no host was touched");
    }

    private String label(String node) {
        return kubectl("get", "node", node, "-o", "jsonpath={.metadata.labels.k3j\\.test/backup}").strip();
    }

    private String kubectl(String... arguments) {
        return LabCluster.kubectlFromThisMachine(lab, kubeconfig, arguments);
    }
}
