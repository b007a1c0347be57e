package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ManPagesTest {

    @Test
    void everyCommandGetsAPageWithWhatItsHelpSays(@TempDir Path directory) throws IOException {
        Files.writeString(directory.resolve("k3j-install-gone.adoc"), "a command no longer there");

        ManPages.write(directory);

        assertThat(directory.resolve("k3j-install-gone.adoc")).doesNotExist();
        for (String command : new String[] {"wizard", "validate", "plan", "apply", "kubeconfig", "version", "generate-completion"}) {
            assertThat(directory.resolve("k3j-install-" + command + ".adoc")).exists();
        }
        String apply = Files.readString(directory.resolve("k3j-install-apply.adoc"));
        assertThat(apply).contains(":doctype: manpage").contains("--parallel").contains("--ready-timeout");
        assertThat(Files.readString(directory.resolve("k3j-install.adoc")))
                .contains("Exit codes").contains("internal error");
    }
}
