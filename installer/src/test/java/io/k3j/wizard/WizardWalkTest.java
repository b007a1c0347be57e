package io.k3j.wizard;

import static io.k3j.wizard.ScriptedWizard.typing;
import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Registration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole sessions, keystroke by keystroke: each datastore type and mode, each registration mode. */
class WizardWalkTest {
    /** The cluster page with every default: name, version, install, mirror, token, user, port, key, known_hosts. */
    private static final String[] CLUSTER_DEFAULTS = {"prod", "", "", "", "", "", "", "", ""};

    @TempDir
    Path folder;

    private static String walk(String[] datastore, String[] servers, String[] registration, String workers) {
        List<String> answers = new java.util.ArrayList<>(List.of(CLUSTER_DEFAULTS));
        answers.addAll(List.of(datastore));
        answers.addAll(List.of(servers));
        answers.addAll(List.of(registration));
        answers.add(workers);
        answers.add(""); // review: write
        return typing(answers.toArray(String[]::new));
    }

    private static List<String> addresses(List<Host> hosts) {
        return hosts.stream().map(Host::address).toList();
    }

    @Test
    void postgresProvisionedWithHaproxyAndAVirtualIp() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"", "", "198.51.100.5", "", "", ""},
                new String[] {"198.51.100.11, 198.51.100.12, 198.51.100.13", ""},
                new String[] {"haproxy", "198.51.100.21 198.51.100.22", "198.51.100.20", "", "", ""},
                "worker-1=198.51.100.31, 198.51.100.32"));

        Inventory inventory = wizard.inventory();
        assertThat(inventory.name()).isEqualTo("prod");
        assertThat(inventory.k3s().version()).isEqualTo(ClusterPage.DEFAULT_VERSION);
        Datastore.Provision provision = inventory.datastore().provision().orElseThrow();
        assertThat(inventory.datastore().type()).isEqualTo(Datastore.Type.postgres);
        assertThat(provision.first().address()).isEqualTo("198.51.100.5");
        assertThat(provision.password()).isEmpty();
        assertThat(addresses(inventory.servers().hosts())).containsExactly("198.51.100.11", "198.51.100.12", "198.51.100.13");
        Registration registration = inventory.registration();
        assertThat(registration.mode()).isEqualTo(Registration.Mode.haproxy);
        assertThat(registration.address()).as("the VIP is the suggested address").isEqualTo("198.51.100.20");
        assertThat(registration.haproxy().orElseThrow().vip()).contains("198.51.100.20");
        assertThat(addresses(registration.haproxy().orElseThrow().hosts())).containsExactly("198.51.100.21", "198.51.100.22");
        assertThat(inventory.workers().hosts().get(0).name()).contains("worker-1");
        assertThat(addresses(inventory.workers().hosts())).containsExactly("198.51.100.31", "198.51.100.32");
    }

    @Test
    void postgresExistingWithATypedPasswordKeptOutOfTheInventory() throws IOException {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"", "existing", "postgres://k3s@db.example.com:5432/k3s", "typed-db-secret", ""},
                new String[] {"198.51.100.11 198.51.100.12", "yes", ""},
                new String[] {"", "k8s.example.com", ""}, ""));

        Inventory inventory = wizard.inventory();
        assertThat(inventory.datastore().endpoint().orElseThrow().template())
                .isEqualTo("postgres://k3s:${file:.k3j/secrets/datastore-password}@db.example.com:5432/k3s");
        Path secret = folder.resolve(".k3j/secrets/datastore-password");
        assertThat(Files.readString(secret)).isEqualTo("typed-db-secret");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(secret))).isEqualTo("rw-------");
        assertThat(Files.readString(wizard.inventoryFile())).doesNotContain("typed-db-secret");
        assertThat(wizard.screen()).doesNotContain("typed-db-secret");
        assertThat(inventory.servers().dedicatedControlPlane()).isTrue();
        assertThat(inventory.registration().mode()).isEqualTo(Registration.Mode.existing);
        assertThat(inventory.workers().hosts()).isEmpty();
    }

    @Test
    void mysqlExistingWithAPasswordFromTheEnvironmentAndRoundRobinDns() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"mysql", "existing", "mysql://k3s@tcp(db.example.com:3306)/k3s", "${env:K3S_DB_PASSWORD}", ""},
                new String[] {"198.51.100.11, 198.51.100.12", ""},
                new String[] {"dns", "k8s.example.com", ""}, "198.51.100.31"));

        Inventory inventory = wizard.inventory();
        assertThat(inventory.datastore().type()).isEqualTo(Datastore.Type.mysql);
        assertThat(inventory.datastore().endpoint().orElseThrow().template())
                .isEqualTo("mysql://k3s:${env:K3S_DB_PASSWORD}@tcp(db.example.com:3306)/k3s");
        assertThat(inventory.registration().mode()).isEqualTo(Registration.Mode.dns);
        assertThat(inventory.registration().address()).isEqualTo("k8s.example.com");
    }

    @Test
    void mysqlProvisionedWithHaproxyWithoutAVirtualIp() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"mysql", "provision", "198.51.100.5", "kubernetes", "kube", "${env:K3S_DB_PASSWORD}"},
                new String[] {"198.51.100.11, 198.51.100.12", ""},
                new String[] {"haproxy", "198.51.100.21", "", "", ""}, ""));

        Inventory inventory = wizard.inventory();
        Datastore.Provision provision = inventory.datastore().provision().orElseThrow();
        assertThat(provision.database()).isEqualTo("kubernetes");
        assertThat(provision.user()).isEqualTo("kube");
        assertThat(provision.password().orElseThrow().template()).isEqualTo("${env:K3S_DB_PASSWORD}");
        Registration registration = inventory.registration();
        assertThat(registration.haproxy().orElseThrow().vip()).isEmpty();
        assertThat(registration.address()).as("the HAProxy host is the suggested address").isEqualTo("198.51.100.21");
    }

    @Test
    void etcdExistingWithClientCertificates() throws IOException {
        Files.createDirectories(folder.resolve("tls"));
        for (String file : List.of("ca.pem", "client.pem", "client-key.pem")) {
            Files.writeString(folder.resolve("tls").resolve(file), "PEM");
        }
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"etcd", "existing", "https://203.0.113.5:2379,https://203.0.113.6:2379", "yes",
                        "tls/ca.pem", "tls/client.pem", "tls/client-key.pem"},
                new String[] {"203.0.113.11, 203.0.113.12", ""},
                new String[] {"", "api.example.com", "443"}, "203.0.113.31"));

        Inventory inventory = wizard.inventory();
        assertThat(inventory.datastore().type()).isEqualTo(Datastore.Type.etcd);
        Datastore.Tls tls = inventory.datastore().tls().orElseThrow();
        assertThat(tls.caFile()).isEqualTo(folder.resolve("tls/ca.pem"));
        assertThat(tls.keyFile()).contains(folder.resolve("tls/client-key.pem"));
        assertThat(inventory.registration().port()).isEqualTo(443);
    }

    @Test
    void anAirGappedInstallAsASudoUser() throws IOException {
        Files.createDirectories(folder.resolve("airgap"));
        Files.writeString(folder.resolve("airgap/k3s"), "binary");
        Files.writeString(folder.resolve("airgap/images.tar.zst"), "images");
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(typing("vault", "", "airgap", "airgap/k3s", "airgap/missing.tar", "airgap/images.tar.zst", "",
                        "ops", "2222", "~/.ssh/id_ops", "known_hosts", "typed-sudo-secret")
                + typing("", "", "198.51.100.5", "", "", "")
                + typing("198.51.100.11, 198.51.100.12", "")
                + typing("", "k8s.example.com", "") + typing("") + typing(""));

        Inventory inventory = wizard.inventory();
        assertThat(wizard.screen()).contains("airgap/missing.tar does not exist");
        assertThat(inventory.k3s().airgap().orElseThrow().images()).isEqualTo(folder.resolve("airgap/images.tar.zst"));
        assertThat(inventory.ssh().user()).isEqualTo("ops");
        assertThat(inventory.ssh().port()).isEqualTo(2222);
        assertThat(inventory.ssh().keyPath()).contains("~/.ssh/id_ops");
        assertThat(inventory.ssh().knownHosts()).isEqualTo("known_hosts");
        assertThat(inventory.ssh().sudoPassword().orElseThrow().template()).isEqualTo("${file:.k3j/secrets/ssh-sudoPassword}");
        assertThat(Files.readString(wizard.inventoryFile())).doesNotContain("typed-sudo-secret");
    }

    @Test
    void etcdProvisionedOnOneHostAsksNoSqlQuestions() throws IOException {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"etcd", "", "203.0.113.5"},
                new String[] {"203.0.113.11, 203.0.113.12", ""},
                new String[] {"", "api.example.com", ""}, ""));

        Inventory inventory = wizard.inventory();
        Datastore.Provision provision = inventory.datastore().provision().orElseThrow();
        assertThat(addresses(provision.hosts())).as("one host: provision.host").containsExactly("203.0.113.5");
        assertThat(Files.readString(wizard.inventoryFile())).contains("provision:\n      host:\n        address: 203.0.113.5");
        assertThat(wizard.screen()).doesNotContain("Database name");
    }

    @Test
    void etcdProvisionedOnThreeHostsIsAClusterTheReviewShows() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(walk(new String[] {"etcd", "", "etcd1=203.0.113.5, etcd2=203.0.113.6 etcd3=203.0.113.7"},
                new String[] {"203.0.113.11, 203.0.113.12", ""},
                new String[] {"", "api.example.com", ""}, ""));

        Datastore.Provision provision = wizard.inventory().datastore().provision().orElseThrow();
        assertThat(provision.clustered()).isTrue();
        assertThat(provision.hosts()).extracting(host -> host.name().orElseThrow() + "=" + host.address())
                .containsExactly("etcd1=203.0.113.5", "etcd2=203.0.113.6", "etcd3=203.0.113.7");
        String review = wizard.screen().substring(wizard.screen().indexOf("\nReview\n"));
        assertThat(review).contains("# An etcd cluster of 3: writable while 2 of them run, so it survives 1 host down.")
                .contains("      hosts:\n        - {address: 203.0.113.5, name: etcd1}\n"
                        + "        - {address: 203.0.113.6, name: etcd2}\n        - {address: 203.0.113.7, name: etcd3}");
    }
}
