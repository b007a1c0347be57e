package io.k3j.cli;

import io.k3j.output.Output;
import io.k3j.output.Style;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "k3j-install",
        mixinStandardHelpOptions = true,
        usageHelpAutoWidth = true,
        versionProvider = VersionCommand.Provider.class,
        description = {
            "Sets up a highly-available K3s cluster with an external datastore over SSH, in the four steps "
                    + "of the K3s HA guide: datastore, servers, fixed registration address, workers.",
            "",
            "Start with 'k3j-install wizard', or write an inventory (see inventories/ and docs/inventory.md), "
                    + "check it with 'validate', look at 'plan', then 'apply'."},
        subcommands = {
            WizardCommand.class,
            ValidateCommand.class,
            PlanCommand.class,
            ApplyCommand.class,
            BackupCommand.class,
            RestoreCommand.class,
            ResetCommand.class,
            CertificatesCommand.class,
            KubeconfigCommand.class,
            VersionCommand.class,
            AutoComplete.GenerateCompletion.class},
        footerHeading = "%nDocumentation:%n",
        footer = "  docs/quickstart.md, docs/inventory.md, docs/cli.md (exit codes, CI use)")
public class K3jCommand {

    @Mixin
    GlobalOptions options;

    private Environment environment;
    private PrintWriter out;
    private PrintWriter err;

    /** The configured command line: injected streams and environment, exit codes wired in. */
    public static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err) {
        K3jCommand root = new K3jCommand();
        root.environment = environment;
        root.out = out;
        root.err = err;
        CommandLine commandLine = new CommandLine(root);
        commandLine.setOut(out);
        commandLine.setErr(err);
        commandLine.setExitCodeExceptionMapper(exception -> ExitCode.INTERNAL.code());
        commandLine.setParameterExceptionHandler(new UsageErrorHandler());
        commandLine.setExecutionExceptionHandler(new ErrorHandler(root));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(colourWanted(root.options, environment)
                ? CommandLine.Help.Ansi.ON : CommandLine.Help.Ansi.OFF));
        describeExitCodes(commandLine);
        CommandLine completion = commandLine.getSubcommands().get("generate-completion");
        completion.getCommandSpec().usageMessage().hidden(false)
                .header("Print a bash/zsh completion script.")
                .description("Prints a completion script for bash and zsh: source <(k3j-install generate-completion)");
        return commandLine;
    }

    CommandContext context() {
        Style style = new Style(colourWanted(options, environment));
        Output output = new Output(out, err, options.format() == GlobalOptions.Format.json, options.verbosity(), style);
        boolean interactive = !options.nonInteractiveRequested() && !environment.nobodyToAsk();
        return new CommandContext(output, environment, interactive);
    }

    /** Runs another command as if the user had typed it: same streams, environment and global options. */
    int execute(String... command) {
        List<String> arguments = new ArrayList<>(options.asArguments());
        arguments.addAll(List.of(command));
        return commandLine(environment, out, err).execute(arguments.toArray(String[]::new));
    }

    Output outputForErrors() {
        return context().output();
    }

    private static boolean colourWanted(GlobalOptions options, Environment environment) {
        return !options.noColorRequested() && !environment.noColorRequested() && environment.stdoutIsTerminal();
    }

    private static void describeExitCodes(CommandLine commandLine) {
        Map<String, String> codes = new LinkedHashMap<>();
        for (ExitCode code : ExitCode.values()) {
            codes.merge(String.valueOf(code.code()), code.meaning(), (first, second) -> first + "; or " + second);
        }
        commandLine.getCommandSpec().usageMessage().exitCodeListHeading("%nExit codes:%n").exitCodeList(codes);
        commandLine.getSubcommands().values().forEach(K3jCommand::describeExitCodes);
    }

    /** Unknown options and missing arguments: say what is wrong, point to --help, exit 2. */
    private static final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
        @Override
        public int handleParseException(CommandLine.ParameterException exception, String[] args) {
            CommandLine command = exception.getCommandLine();
            PrintWriter err = command.getErr();
            err.println("error: " + exception.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(exception, err);
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.USAGE.code();
        }
    }

    /** A {@link CliException} is the user's error: print its message. Anything else is a bug. */
    private static final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
        private final K3jCommand root;

        ErrorHandler(K3jCommand root) {
            this.root = root;
        }

        @Override
        public int handleExecutionException(Exception exception, CommandLine command, CommandLine.ParseResult parse) {
            Output output = root.outputForErrors();
            if (exception instanceof CliException userError) {
                output.error(userError.getMessage());
                return userError.exitCode().code();
            }
            output.error("internal error: " + exception + " (please report it; -vv shows the stack trace)");
            if (root.options.verbosity() >= 2) {
                exception.printStackTrace(command.getErr());
            }
            return ExitCode.INTERNAL.code();
        }
    }
}
