package io.k3j.cli;

import io.k3j.wizard.Prompter;
import java.nio.file.Path;

/** Once the wizard has written the inventory: offers plan, then apply, run exactly as if typed. */
final class NextCommands {

    /** Runs a k3j-install command line and returns its exit code. */
    interface Runner {
        int run(String... command);
    }

    private final Prompter prompter;
    private final Runner runner;

    NextCommands(Prompter prompter, Runner runner) {
        this.prompter = prompter;
        this.runner = runner;
    }

    ExitCode offer(Path inventory) {
        String file = inventory.toString();
        if (prompter.confirm("plan", "Run 'k3j-install plan " + file + "' now",
                "Connects to every host (read only), runs the preflight checks and shows what apply would change.", true)) {
            int planned = runner.run("plan", file);
            if (planned != ExitCode.OK.code()) {
                return ExitCode.of(planned);
            }
        }
        if (prompter.confirm("apply", "Run 'k3j-install apply " + file + "' now",
                "Makes the hosts match the inventory: installs the datastore, servers, address and workers.", false)) {
            return ExitCode.of(runner.run("apply", file));
        }
        prompter.say("Later: k3j-install plan " + file + ", then k3j-install apply " + file);
        return ExitCode.OK;
    }
}
