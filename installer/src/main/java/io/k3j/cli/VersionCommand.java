package io.k3j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "version", header = "Print the version.",
        description = "Prints the version of k3j-install and of the Java runtime it runs on.")
public class VersionCommand extends BaseCommand {

    @Override
    protected ExitCode run(CommandContext context) {
        String version = installerVersion();
        String java = System.getProperty("java.version");
        context.output().result("k3j-install " + version + " (Java " + java + ")");
        context.output().event("version", "version", version, "java", java);
        return ExitCode.OK;
    }

    static String installerVersion() {
        try (InputStream in = VersionCommand.class.getResourceAsStream("/io/k3j/version.properties")) {
            Properties properties = new Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Backs {@code --version} on the root command. */
    public static final class Provider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"k3j-install " + installerVersion()};
        }
    }
}
