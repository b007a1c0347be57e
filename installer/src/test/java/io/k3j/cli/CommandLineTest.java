package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {

    @Test
    void helpListsEveryCommandAndEveryExitCode() {
        CliRun run = CliRun.of("--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wizard", "validate", "plan", "apply", "kubeconfig", "version", "generate-completion");
        for (ExitCode code : ExitCode.values()) {
            assertThat(run.out()).contains(code.code() + " ");
        }
    }

    @Test
    void everySubcommandHasItsOwnHelp() {
        for (String command : new String[] {"wizard", "validate", "plan", "apply", "kubeconfig", "version"}) {
            CliRun run = CliRun.of(command, "--help");
            assertThat(run.exitCode()).as(command).isZero();
            assertThat(run.out()).as(command).contains("Usage: k3j-install " + command).contains("Exit codes:");
        }
    }

    @Test
    void anUnknownOptionIsAUsageErrorWithASuggestion() {
        CliRun run = CliRun.of("plan", "--ofline", "x.yaml");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("Unknown option: '--ofline'").contains("--offline").contains("k3j-install plan --help");
    }

    @Test
    void aMissingInventoryArgumentIsAUsageError() {
        CliRun run = CliRun.of("validate");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("INVENTORY");
    }

    @Test
    void anInventoryThatIsNoFileIsInvalidInputWithAPlace(@TempDir Path folder) {
        for (Path notAFile : new Path[] {folder, folder.resolve("missing.yaml")}) {
            for (String[] command : new String[][] {{"validate"}, {"plan", "--offline"}}) {
                String[] args = Arrays.copyOf(command, command.length + 1);
                args[command.length] = notAFile.toString();
                CliRun run = CliRun.of(args);

                assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.INVALID_INVENTORY.code());
                assertThat(run.err()).startsWith("error: " + notAFile + ":1:1: ");
            }
        }
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheCommand() {
        CliRun before = CliRun.of("--output", "json", "version");
        CliRun after = CliRun.of("version", "--output=json");

        assertThat(before.out()).startsWith("{\"event\":\"version\"");
        assertThat(after.out()).startsWith("{\"event\":\"version\"");
    }

    @Test
    void versionPrintsTheProjectVersionCommitAndBuildDate() {
        String line = "k3j-install \\d+\\.\\d+\\.\\d+(-SNAPSHOT)? \\(commit ([0-9a-f]{12}|unknown), built \\S+Z, Java .+\\)\\n";
        CliRun command = CliRun.of("version");
        CliRun option = CliRun.of("--version");

        assertThat(command.exitCode()).isZero();
        assertThat(command.out()).matches(line);
        assertThat(option.out()).isEqualTo(command.out());
    }

    @Test
    void theWizardRefusesToPromptWithoutATerminal() {
        CliRun inCi = CliRun.with(Map.of("CI", "true"), true, "wizard");
        CliRun noTty = CliRun.with(Map.of(), false, "wizard");

        for (CliRun run : new CliRun[] {inCi, noTty}) {
            assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
            assertThat(run.err()).contains("--answers").contains("apply");
        }
    }

    @Test
    void applysDetailedExitCodeWithoutDryRunIsAUsageErrorBeforeTheInventoryIsRead() {
        CliRun run = CliRun.of("apply", "no-such-inventory.yaml", "--detailed-exitcode");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("--detailed-exitcode goes with --dry-run").doesNotContain("no-such-inventory");
    }

    @Test
    void completionScriptIsGenerated() {
        CliRun run = CliRun.of("generate-completion");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("complete -F").contains("k3j-install");
    }
}
