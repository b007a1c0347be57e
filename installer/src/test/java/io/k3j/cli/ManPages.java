package io.k3j.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Build tool of the dist profile (installer/pom.xml), not shipped: writes an AsciiDoc man page per
 * command with picocli's ManPageGenerator, from the very command line {@code --help} prints, so the
 * pages cannot drift from it. Asciidoctor turns them into groff afterwards.
 */
public final class ManPages {

    private ManPages() {
    }

    public static void main(String[] args) throws IOException {
        write(Path.of(args[0]));
    }

    /** Writes the pages into {@code directory}, first removing pages of commands that are gone. */
    static void write(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            try (Stream<Path> pages = Files.list(directory)) {
                for (Path page : pages.filter(file -> file.toString().endsWith(".adoc")).toList()) {
                    Files.delete(page);
                }
            }
        }
        StringWriter ignored = new StringWriter();
        var commandLine = K3jCommand.commandLine(Environment.ofThisProcess(), new PrintWriter(ignored), new PrintWriter(ignored));
        int status = ManPageGenerator.generateManPage(directory.toFile(), null, new boolean[0], true, commandLine.getCommandSpec());
        if (status != 0) {
            throw new IOException("picocli's ManPageGenerator failed (status " + status + ") writing into " + directory);
        }
    }
}
