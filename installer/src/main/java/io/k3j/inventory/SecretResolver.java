package io.k3j.inventory;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * Resolves {@code ${env:NAME}} from the environment and {@code ${file:PATH}} from a file (relative
 * to the inventory's folder, trailing newline dropped). The environment is injected, so tests
 * need no real variables.
 */
public final class SecretResolver {
    private static final long LARGEST_FILE = 64 * 1024;
    private final Function<String, String> environment;
    private final Path baseDirectory;

    public SecretResolver(Function<String, String> environment, Path baseDirectory) {
        this.environment = environment;
        this.baseDirectory = baseDirectory;
    }

    /** Why a reference cannot be resolved, or empty when it can. Never includes the value. */
    public Optional<String> problem(SecretValue.Reference reference) {
        if (reference.kind().equals("env")) {
            return environment.apply(reference.target()) == null
                    ? Optional.of("environment variable " + reference.target() + " is not set")
                    : Optional.empty();
        }
        Path file = baseDirectory.resolve(reference.target());
        if (!Files.isRegularFile(file)) {
            return Optional.of("secret file " + file + " does not exist");
        }
        if (!Files.isReadable(file)) {
            return Optional.of("secret file " + file + " is not readable");
        }
        return notText(file).map(reason -> "secret file " + file + " " + reason);
    }

    /** A secret is a line of text: a file too large for one, or not UTF-8 (a binary), is a mistake. */
    private static Optional<String> notText(Path file) {
        try {
            long size = Files.size(file);
            if (size > LARGEST_FILE) {
                return Optional.of("is " + size + " bytes; a secret file holds the secret alone (at most " + LARGEST_FILE + ")");
            }
            Files.readString(file, StandardCharsets.UTF_8);
            return Optional.empty();
        } catch (CharacterCodingException e) {
            return Optional.of("is not UTF-8 text");
        } catch (IOException e) {
            return Optional.of("cannot be read: " + e.getMessage());
        }
    }

    public String resolve(SecretValue value) {
        Matcher matcher = SecretValue.REFERENCE.matcher(value.template());
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            SecretValue.Reference reference = new SecretValue.Reference(matcher.group(1), matcher.group(2));
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(valueOf(reference)));
        }
        matcher.appendTail(resolved);
        return resolved.toString();
    }

    private String valueOf(SecretValue.Reference reference) {
        problem(reference).ifPresent(problem -> {
            throw new IllegalStateException(problem);
        });
        if (reference.kind().equals("env")) {
            return environment.apply(reference.target());
        }
        try {
            return Files.readString(baseDirectory.resolve(reference.target()), StandardCharsets.UTF_8).stripTrailing();
        } catch (IOException e) {
            throw new IllegalStateException("cannot read secret file " + reference.target() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Why a {@code ${file:...}} secret is not private, when its file may be read by the group or
     * others (a warning: the value is still used). Empty for a private file and an environment variable.
     */
    public Optional<String> exposure(SecretValue.Reference reference) {
        if (!reference.kind().equals("file")) {
            return Optional.empty();
        }
        Path file = baseDirectory.resolve(reference.target());
        try {
            Set<PosixFilePermission> mode = Files.getPosixFilePermissions(file);
            boolean exposed = mode.contains(PosixFilePermission.GROUP_READ) || mode.contains(PosixFilePermission.OTHERS_READ);
            return exposed ? Optional.of("secret file " + file + " may be read by other users (" + PosixFilePermissions.toString(mode)
                    + "): chmod 600 " + file) : Optional.empty();
        } catch (IOException | UnsupportedOperationException e) {
            return Optional.empty(); // a file system without POSIX modes, or a file problem() reports
        }
    }
}
