package io.k3j.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example inventory, read into answers and written again by the wizard, is valid and describes the same cluster. */
class FromInventoryTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "K3S_TOKEN", "example-token", "K3S_DB_PASSWORD", "example-password", "SUDO_PASSWORD", "example-sudo");

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "inventories"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    private static List<String> addresses(List<Host> hosts) {
        return hosts.stream().map(host -> host.address() + host.name().map(name -> "=" + name).orElse("")).toList();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void roundTripsThroughTheWizardsAnswers(Path example) {
        InventoryLoader loader = new InventoryLoader(ENVIRONMENT::get);
        Inventory original = loader.load(example).inventory().orElseThrow();

        String written = InventoryYaml.render(FromInventory.answers(original, original.directory()));
        LoadResult again = loader.load(example.resolveSibling("written-by-the-wizard.yaml"), written);

        assertThat(again.problems()).as(written).isEmpty();
        Inventory copy = again.inventory().orElseThrow();
        assertThat(copy.name()).isEqualTo(original.name());
        assertThat(copy.ssh().user()).isEqualTo(original.ssh().user());
        assertThat(copy.k3s().install()).isEqualTo(original.k3s().install());
        assertThat(copy.k3s().token()).isEqualTo(original.k3s().token());
        assertThat(copy.datastore()).isEqualTo(original.datastore().provision().isPresent()
                ? copy.datastore() : original.datastore());
        assertThat(copy.datastore().type()).isEqualTo(original.datastore().type());
        assertThat(copy.datastore().provision().map(provision -> addresses(provision.hosts())))
                .as("every datastore host, an etcd cluster's members too")
                .isEqualTo(original.datastore().provision().map(provision -> addresses(provision.hosts())));
        assertThat(addresses(copy.servers().hosts())).isEqualTo(addresses(original.servers().hosts()));
        assertThat(copy.servers().dedicatedControlPlane()).isEqualTo(original.servers().dedicatedControlPlane());
        assertThat(copy.registration().address()).isEqualTo(original.registration().address());
        assertThat(copy.registration().mode()).isEqualTo(original.registration().mode());
        assertThat(addresses(copy.workers().hosts())).isEqualTo(addresses(original.workers().hosts()));
    }

    @Test
    void aSqlDatastoreHostKeepsItsName() throws IOException {
        InventoryLoader loader = new InventoryLoader(ENVIRONMENT::get);
        Path example = Path.of("..", "inventories", "airgap.yaml");
        String named = Files.readString(example).replace("host: {address: 198.51.100.5}", "host: {address: 198.51.100.5, name: db1}");
        Inventory original = loader.load(example, named).inventory().orElseThrow();

        String written = InventoryYaml.render(FromInventory.answers(original, original.directory()));

        Inventory copy = loader.load(example.resolveSibling("written-by-the-wizard.yaml"), written).inventory().orElseThrow();
        assertThat(addresses(copy.datastore().provision().orElseThrow().hosts())).containsExactly("198.51.100.5=db1");
    }

    @Test
    void aProvisionedDatastoresTlsIsNamedAsNotCarried() throws IOException {
        InventoryLoader loader = new InventoryLoader(ENVIRONMENT::get);
        Path example = Path.of("..", "inventories", "etcd-cluster.yaml");
        String withTls = Files.readString(example).replace("    provision:\n", "    provision:\n      tls: true\n");

        Inventory plain = loader.load(example).inventory().orElseThrow();
        Inventory tls = loader.load(example, withTls).inventory().orElseThrow();

        assertThat(FromInventory.notCarried(plain)).doesNotContain("spec.datastore.provision.tls");
        assertThat(FromInventory.notCarried(tls)).contains("spec.datastore.provision.tls");
    }
}
