package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.datastore.Endpoint;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The endpoint the servers get for a datastore k3j-install sets up names the datastore host whatever
 * the password holds, and the plan masks the password in the form the endpoint writes it.
 */
class ProvisionedEndpointTest {
    private static final String PASSWORD = "Secr3t@203.0.113.66:5432/x?a=";

    @TempDir
    Path folder;

    @ParameterizedTest
    @CsvSource({"postgres, 5432", "mysql, 3306"})
    void aPasswordWithUrlDelimitersCannotMoveTheHost(String type, int port) throws IOException {
        Inventory inventory = load(type);
        ClusterValues values = ClusterValues.offline(inventory, new InventoryLoader(Map.of("DB_PASSWORD", PASSWORD)::get)
                .secrets(inventory));

        Endpoint endpoint = Endpoint.parse(values.datastoreEndpoint());

        assertThat(endpoint.servers()).extracting(Endpoint.HostPort::host, Endpoint.HostPort::port).containsExactly(
                Tuple.tuple("198.51.100.5", port));
        assertThat(endpoint.password()).contains(PASSWORD);
        assertThat(values.masker().mask(values.datastoreEndpoint())).doesNotContain("Secr3t").doesNotContain("203.0.113.66");
    }

    private Inventory load(String type) throws IOException {
        Path file = Files.writeString(folder.resolve("inventory.yaml"), """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: edge}
                spec:
                  k3s: {version: v1.31.4+k3s1}
                  datastore:
                    type: %s
                    provision: {host: {address: 198.51.100.5}, password: "${env:DB_PASSWORD}"}
                  servers:
                    hosts: [{address: 198.51.100.11}, {address: 198.51.100.12}]
                  registration: {address: k8s.example.com, mode: dns}
                """.formatted(type));
        LoadResult result = new InventoryLoader(Map.of("DB_PASSWORD", PASSWORD)::get).load(file);
        assertThat(result.problems()).isEmpty();
        return result.inventory().orElseThrow();
    }
}
