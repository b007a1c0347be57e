package io.k3j.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", header = "Print the version.",
        description = "Prints the version of k3j-install, the commit and date it was built from, "
                + "and the Java runtime it runs on.")
public class VersionCommand extends BaseCommand {

    @Override
    protected ExitCode run(CommandContext context) {
        BuildInfo build = BuildInfo.ofThisJar();
        String java = System.getProperty("java.version");
        context.output().result(line(build, java));
        context.output().event("version", "version", build.version(), "commit", build.commit(), "date", build.date(),
                "java", java);
        return ExitCode.OK;
    }

    /** {@code k3j-install 0.1.0 (commit 0123456789ab, built 2026-12-01T20:45:00Z, Java 17.0.15)} */
    static String line(BuildInfo build, String java) {
        return "k3j-install " + build.version() + " (commit " + build.commit() + ", built " + build.date()
                + ", Java " + java + ")";
    }

    /** Backs {@code --version} on the root command: the same as the version command. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {line(BuildInfo.ofThisJar(), System.getProperty("java.version"))};
        }
    }
}
