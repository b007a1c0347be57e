package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in inventories/ is valid, with the secrets it references supplied by a fake environment. */
class ExampleInventoriesTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "K3S_TOKEN", "example-token", "K3S_DB_PASSWORD", "example-password", "SUDO_PASSWORD", "example-sudo");

    static Stream<Path> examples() throws IOException {
        Path folder = Path.of("..", "inventories");
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void isValid(Path example) {
        LoadResult result = new InventoryLoader(ENVIRONMENT::get).load(example);

        assertThat(result.problems()).isEmpty();
        assertThat(result.inventory()).isPresent();
        assertThat(result.inventory().get().servers().hosts()).hasSizeGreaterThanOrEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("examples")
    void usesDocumentationAddressesOnly(Path example) {
        Inventory inventory = new InventoryLoader(ENVIRONMENT::get).load(example).inventory().orElseThrow();

        assertThat(inventory.allHosts()).allSatisfy(roled -> assertThat(roled.host().address())
                .matches("(198\\.51\\.100|203\\.0\\.113)\\.\\d+|[a-z0-9.-]+\\.example\\.com"));
    }
}
