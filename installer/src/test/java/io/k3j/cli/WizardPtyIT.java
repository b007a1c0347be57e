package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real launcher ({@code ./k3j-install wizard}) in a real pseudo-terminal: a person's session,
 * typed prompt by prompt, ending with an inventory that {@code validate} accepts. The session's
 * screen is kept in target/wizard-transcript.txt, the transcript docs/wizard.md shows.
 */
class WizardPtyIT {
    private static final Path REPO = Path.of(System.getProperty("k3j.repo.root", "..")).toAbsolutePath().normalize();
    private static final String LAUNCHER = REPO.resolve("k3j-install").toString();

    @TempDir
    Path folder;

    @Test
    void aSessionInATerminalWritesAnInventoryThatValidateAccepts() throws Exception {
        String transcript;
        try (PtySession wizard = PtySession.start(LAUNCHER + " wizard --no-color", folder, Map.of("TERM", "xterm-256color"))) {
            wizard.expect("The cluster").expect("Cluster name: ").type("Prod")
                    .expect("is not a DNS label").expect("Cluster name: ").type("prod")
                    .expect("K3s version [v1.31.4+k3s1]: ").type("")
                    .expect("How the K3s binary gets onto the hosts [download]: ").type("?")
                    .expect("airgap: uploaded from this machine")
                    .expect("How the K3s binary gets onto the hosts [download]: ").type("")
                    .expect("Download from [").type("")
                    .expect("Cluster token (empty: generated): ").type("")
                    .expect("SSH user [root]: ").type("")
                    .expect("SSH port [22]: ").type("")
                    .expect("SSH private key (empty: the usual ~/.ssh keys): ").type("")
                    .expect("known_hosts file [~/.ssh/known_hosts]: ").type("");
            wizard.expect("Step 1 of 4: the datastore").expect("Datastore type [postgres]: ").type("")
                    .expect("set it up [provision]: ").type("")
                    .expect("Host to set the datastore up on: ").type("198.51.100.5")
                    .expect("Test SSH to 198.51.100.5 now [yes]: ").type("no")
                    .expect("Database name [k3s]: ").type("")
                    .expect("Database user [k3s]: ").type("")
                    .expect("Database password (empty: generated): ").type("");
            wizard.expect("Step 2 of 4: the servers").expect("Server hosts (two or more): ").type("198.51.100.11")
                    .expect("an HA cluster needs two or more servers").expect("Server hosts (two or more): ")
                    .type("server-1=198.51.100.11, server-2=198.51.100.12, server-3=198.51.100.13")
                    .expect("now [yes]: ").type("no")
                    .expect("[no]: ").type("");
            wizard.expect("Step 3 of 4: the fixed registration address").expect("What is the fixed address [existing]: ").type("haproxy")
                    .expect("HAProxy hosts: ").type("198.51.100.21")
                    .expect("now [yes]: ").type("no")
                    .expect("Virtual IP (empty: none): ").type("")
                    .expect("Registration address [198.51.100.21]: ").type("")
                    .expect("Registration port [6443]: ").type("");
            wizard.expect("Step 4 of 4: the workers").expect("Worker hosts (empty: none): ").type("198.51.100.31, 198.51.100.32")
                    .expect("now [yes]: ").type("no");
            wizard.expect("Review").expect("[write]: ").type("")
                    .expect("wrote inventory.yaml: cluster prod, 3 servers, 2 workers")
                    .expect("Run 'k3j-install plan inventory.yaml' now [yes]: ").type("no")
                    .expect("Run 'k3j-install apply inventory.yaml' now [no]: ").type("");
            wizard.expect("Later: k3j-install plan inventory.yaml");
            assertThat(wizard.exitCode()).isZero();
            transcript = wizard.transcript();
        }
        Files.writeString(REPO.resolve("installer/target/wizard-transcript.txt"), transcript);
        assertThat(documented()).as("the session in docs/wizard.md is this one: copy installer/target/wizard-transcript.txt there")
                .isEqualTo(trimmed(transcript));

        Process validate = new ProcessBuilder(LAUNCHER, "validate", "inventory.yaml").directory(folder.toFile())
                .redirectErrorStream(true).start();
        String validated = new String(validate.getInputStream().readAllBytes());
        assertThat(validate.waitFor()).as(validated).isZero();
        assertThat(validated).contains("inventory.yaml is valid: cluster prod, 3 servers, 2 workers");
        assertThat(Files.exists(folder.resolve(".k3j/wizard-draft.yaml"))).as("the draft is removed once written").isFalse();
    }

    /** The transcript between the markers of docs/wizard.md. */
    private static String documented() throws IOException {
        String doc = Files.readString(REPO.resolve("docs/wizard.md"));
        int start = doc.indexOf("```\n", doc.indexOf("<!-- transcript: start -->")) + 4;
        return trimmed(doc.substring(start, doc.lastIndexOf("```", doc.indexOf("<!-- transcript: end -->"))));
    }

    /** Without trailing blanks on lines (a prompt ends with one) and around the whole. */
    private static String trimmed(String text) {
        return text.lines().map(String::stripTrailing).collect(Collectors.joining("\n")).strip();
    }

    @Test
    void ctrlCInATerminalLeavesNoInventoryAndTheNextStartOffersTheDraft() throws Exception {
        try (PtySession wizard = PtySession.start(LAUNCHER + " wizard", folder, Map.of("TERM", "xterm-256color"))) {
            wizard.expect("Cluster name: ").type("prod").expect("K3s version [v1.31.4+k3s1]: ")
                    .interrupt("stopped; nothing was written to inventory.yaml");
            assertThat(wizard.exitCode()).isEqualTo(ExitCode.INTERRUPTED.code());
        }
        assertThat(folder.resolve("inventory.yaml")).doesNotExist();
        assertThat(Files.readString(folder.resolve(".k3j/wizard-draft.yaml"))).contains("name: prod");

        try (PtySession again = PtySession.start(LAUNCHER + " wizard", folder, Map.of("TERM", "xterm-256color"))) {
            again.expect("Resume from them [yes]: ").type("").expect("Cluster name [prod]: ").interrupt("stopped;");
            assertThat(again.exitCode()).isEqualTo(ExitCode.INTERRUPTED.code());
        }
    }
}
