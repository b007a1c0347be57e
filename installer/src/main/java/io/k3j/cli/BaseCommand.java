package io.k3j.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** A subcommand: picocli calls {@link #call()}, the command implements {@link #run(CommandContext)}. */
public abstract class BaseCommand implements Callable<Integer> {

    @ParentCommand
    private K3jCommand root;

    @Spec
    protected CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    private boolean help;

    @Override
    public final Integer call() {
        return run(root.context()).code();
    }

    protected abstract ExitCode run(CommandContext context);

    /** Runs another command of k3j-install, as the user would have (the wizard's plan and apply). */
    protected final int runCommand(String... command) {
        return root.execute(command);
    }
}
