package io.k3j.cli;

import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.InventoryPaths;
import io.k3j.output.Output;
import io.k3j.wizard.AnswerCheck;
import io.k3j.wizard.AnswerProblem;
import io.k3j.wizard.Answers;
import io.k3j.wizard.AnswersFile;
import io.k3j.wizard.AnswersPrompter;
import io.k3j.wizard.Draft;
import io.k3j.wizard.FromInventory;
import io.k3j.wizard.JLinePrompter;
import io.k3j.wizard.Keys;
import io.k3j.wizard.Prompter;
import io.k3j.wizard.SecretAnswer;
import io.k3j.wizard.SecretKeeper;
import io.k3j.wizard.WizardInterrupted;
import io.k3j.wizard.WizardSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "wizard",
        header = "Ask through the four steps and write the inventory.",
        description = {
            "Walks through the four steps of a K3s HA install in the terminal (datastore, servers, fixed registration "
                    + "address, workers), each on its own screen with what it is for. Every answer is checked as it "
                    + "is given, with the rules of 'validate'; host lists can be tested over SSH on the spot. "
                    + "A review screen shows the whole inventory before it is written; then the wizard offers "
                    + "'plan' and 'apply'.",
            "",
            "At a prompt: Enter takes the default in [brackets], Tab completes choices and file paths, ? shows help, "
                    + "< goes back, Ctrl-C stops. Answers are kept in .k3j/wizard-draft.yaml next to the inventory "
                    + "(0600, secrets only as references) and offered on the next start.",
            "",
            "Without a terminal (CI=true, --non-interactive, no TTY) it asks nothing: every answer comes from "
                    + "--answers and --set, or a default; a missing one is an error (exit 2) naming its key. "
                    + "Keys: docs/wizard.md."})
public class WizardCommand extends BaseCommand {

    @Option(names = "--from", paramLabel = "INVENTORY", description = "Start from an existing inventory: its answers are the "
            + "defaults. A setting the wizard does not ask for (labels, taints, per-host SSH, serverConfig...) is named in a "
            + "warning: add it back by hand.")
    Path from;

    @Option(names = "--answers", paramLabel = "FILE",
            description = "Take answers from this YAML file (keys as in docs/wizard.md); with every answer given, "
                    + "nothing is asked.")
    Path answersFile;

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "One answer, such as --set servers.hosts=198.51.100.11,198.51.100.12; "
            + "repeatable, over --answers.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", defaultValue = "inventory.yaml",
            description = "Where to write the inventory (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--secrets-in-inventory",
            description = "Write secrets typed at a prompt into the inventory itself (mode 0600) instead of a 0600 file "
                    + "under .k3j/secrets/ that the inventory references.")
    boolean secretsInInventory;

    @Override
    protected ExitCode run(CommandContext context) {
        Answers given = givenAnswers(context);
        if (!context.interactive() && answersFile == null && set.isEmpty()) {
            throw new CliException(ExitCode.USAGE,
                    "the wizard needs a terminal to ask its questions (CI=true, --non-interactive or no terminal on stdin); "
                            + "give every answer with --answers FILE or --set KEY=VALUE, or use 'k3j-install apply INVENTORY'");
        }
        InventoryLoader loader = new InventoryLoader(context.environment()::get);
        AnswerCheck check = new AnswerCheck(loader, out);
        SecretKeeper secrets = new SecretKeeper(out, secretsInInventory);
        try {
            if (!context.interactive()) {
                new WizardSession(new AnswersPrompter(), check, secrets, Optional.empty(), Optional.empty()).run(given);
                reportWritten(context);
                return ExitCode.OK;
            }
            try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
                Prompter prompter = new JLinePrompter(terminal, context.output().style().enabled());
                new WizardSession(prompter, check, secrets, Optional.of(WizardHostCheck.create(context.environment(), out)),
                        Optional.of(Draft.nextTo(out))).run(given);
                reportWritten(context);
                return new NextCommands(prompter, this::runCommand).offer(out);
            }
        } catch (WizardInterrupted e) {
            throw new CliException(ExitCode.INTERRUPTED, "stopped; nothing was written to " + out + ". Your answers are in "
                    + Draft.nextTo(out).file() + ": run the wizard again to resume");
        } catch (AnswerProblem e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Answers givenAnswers(CommandContext context) {
        Answers given = Answers.none();
        if (from != null) {
            Inventory existing = InventoryInput.load(from, context);
            List<String> dropped = FromInventory.notCarried(existing);
            dropped.forEach(setting -> context.output().warning("the wizard does not ask for " + setting
                    + "; add it back to " + out + " by hand after writing"));
            given = FromInventory.answers(existing, InventoryPaths.folderOf(out));
        }
        try {
            if (answersFile != null) {
                given = given.overriddenBy(AnswersFile.read(answersFile));
            }
            warnAboutSecretsInArguments(context);
            return given.overriddenBy(AnswersFile.of(set, "--set"));
        } catch (AnswerProblem e) {
            throw new CliException(ExitCode.USAGE, e.getMessage());
        }
    }

    private void warnAboutSecretsInArguments(CommandContext context) {
        set.forEach((key, value) -> {
            if (Keys.SECRETS.contains(key) && SecretAnswer.isClear(value)) {
                context.output().warning("--set " + key + " puts a secret on the command line, where ps shows it; "
                        + "give ${env:NAME} or ${file:PATH} instead");
            }
        });
    }

    /** Reads the written file back as 'validate' does, and says what it holds. */
    private void reportWritten(CommandContext context) {
        Inventory inventory = InventoryInput.load(out, context);
        Output output = context.output();
        output.event("written", "file", out.toString(), "cluster", inventory.name(),
                "servers", inventory.servers().hosts().size(), "workers", inventory.workers().hosts().size());
        output.result(output.style().success("✓ ") + "wrote " + out + ": cluster " + inventory.name() + ", "
                + inventory.servers().hosts().size() + " servers, " + inventory.workers().hosts().size() + " workers");
    }
}
