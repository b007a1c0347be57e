package io.k3j.ssh;

import io.k3j.inventory.StateFolder;
import io.k3j.plan.SecretMasker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every command run on every host and how it ended, secrets masked, in a file only its owner can
 * read (0600). Hosts write to it in parallel; each entry is written whole.
 */
public final class RunLog implements AutoCloseable {
    private final Writer writer;
    private final Clock clock;
    private final Set<String> secrets = ConcurrentHashMap.newKeySet();

    private RunLog(Writer writer, Clock clock) {
        this.writer = writer;
        this.clock = clock;
    }

    public static RunLog create(Path file, Clock clock) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            StateFolder.createDirectories(parent);
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return new RunLog(Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.APPEND), clock);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run log " + file, e);
        }
    }

    /** Values masked in every later entry (the token, passwords), besides each command's own. */
    public void addSecrets(Collection<String> values) {
        values.stream().filter(value -> value != null && !value.isEmpty()).forEach(secrets::add);
    }

    public void command(String host, String command, ExecResult result, List<String> commandSecrets) {
        StringBuilder entry = new StringBuilder()
                .append(clock.instant()).append(' ').append(host).append(" $ ").append(command).append('\n')
                .append("  exit ").append(result.exitStatus()).append(" after ").append(result.took().toMillis()).append(" ms\n");
        indent(entry, "  out| ", result.stdout());
        indent(entry, "  err| ", result.stderr());
        write(mask(entry.toString(), commandSecrets));
    }

    public void note(String host, String message) {
        write(mask(clock.instant() + " " + host + " # " + message + "\n", List.of()));
    }

    private static void indent(StringBuilder entry, String prefix, String text) {
        if (!text.isEmpty()) {
            for (String line : text.stripTrailing().split("\n")) {
                entry.append(prefix).append(line).append('\n');
            }
        }
    }

    private String mask(String text, List<String> more) {
        return new SecretMasker(secrets).and(more).mask(text);
    }

    private synchronized void write(String entry) {
        try {
            writer.write(entry);
            writer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the run log", e);
        }
    }

    @Override
    public synchronized void close() {
        try {
            writer.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot close the run log", e);
        }
    }
}
