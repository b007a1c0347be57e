package io.k3j.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

@Command(name = "certificates",
        header = "Look after K3s' certificates.",
        description = {
            "K3s' leaf certificates last 365 days and are renewed when K3s starts within its renewal window (90 days; "
                    + "120 from v1.33.1, v1.32.5, v1.31.9, v1.30.13). 'plan' and 'apply' warn of any near their end; "
                    + "'certificates rotate' renews them now. See docs/operations.md."},
        subcommands = CertificatesRotateCommand.class)
public class CertificatesCommand implements Runnable {

    @ParentCommand
    K3jCommand root;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** Without a subcommand: its usage, as for --help. */
    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    CommandContext context() {
        return root.context();
    }
}
