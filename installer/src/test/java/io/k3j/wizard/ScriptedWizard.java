package io.k3j.wizard;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.impl.DumbTerminal;

/**
 * A wizard session driven by keystrokes through a real JLine LineReader on a dumb terminal, in a
 * folder of its own; the inventory it writes is read back by the real {@link InventoryLoader}.
 */
final class ScriptedWizard {
    static final Map<String, String> ENVIRONMENT = Map.of("K3S_DB_PASSWORD", "password-from-the-environment");

    private final Path folder;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    ScriptedWizard(Path folder) {
        this.folder = folder;
    }

    /** Each answer followed by Enter; an empty string takes the default. */
    static String typing(String... answers) {
        return String.join("\n", answers) + "\n";
    }

    Answers run(String keystrokes) {
        return run(keystrokes, Answers.none(), Optional.empty());
    }

    Answers run(String keystrokes, Answers given, Optional<HostCheck> hosts) {
        try {
            DumbTerminal terminal = new DumbTerminal(new ByteArrayInputStream(keystrokes.getBytes(StandardCharsets.UTF_8)), screen);
            InventoryLoader loader = new InventoryLoader(ENVIRONMENT::get);
            return new WizardSession(new JLinePrompter(terminal, false), new AnswerCheck(loader, inventoryFile()),
                    new SecretKeeper(inventoryFile(), false), hosts, Optional.of(Draft.nextTo(inventoryFile()))).run(given);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path folder() {
        return folder;
    }

    Path inventoryFile() {
        return folder.resolve("inventory.yaml");
    }

    String screen() {
        return screen.toString(StandardCharsets.UTF_8);
    }

    /** The written inventory, which must pass the same validation as 'k3j-install validate'. */
    Inventory inventory() {
        LoadResult result = new InventoryLoader(ENVIRONMENT::get).load(inventoryFile());
        assertThat(result.problems()).as("problems of the written inventory").isEmpty();
        return result.inventory().orElseThrow();
    }
}
