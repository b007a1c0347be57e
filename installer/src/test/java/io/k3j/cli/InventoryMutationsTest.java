package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example inventory, mutated at every key ({@link InventoryMutations}), through {@code validate}
 * and {@code plan --offline} as a user runs them: no input is a bug (exit 70), nothing prints a
 * stack trace or a Java exception, every rejection names where (file:line:column), and what
 * validate accepts plan --offline can plan.
 */
class InventoryMutationsTest {
    private static final Map<String, String> ENVIRONMENT = Map.of(
            "K3S_TOKEN", "example-token", "K3S_DB_PASSWORD", "example-password", "SUDO_PASSWORD", "example-sudo");
    private static final Pattern JAVA_TRACE = Pattern.compile("\\b[A-Z]\\w*(Exception|Error)\\b|\\n\\s+at [\\w.$]+\\(");
    private static final Path EXAMPLES = Path.of("..", "inventories");

    @TempDir
    static Path copy;

    @TestFactory
    Stream<DynamicTest> everyMutationOfEveryExampleIsHandled() throws IOException {
        copyTree(EXAMPLES, copy);
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream()
                    .map(example -> DynamicTest.dynamicTest(example.getFileName().toString(), () -> check(example)));
        }
    }

    private void check(Path example) throws IOException {
        // Beside the example's copy, so its relative paths (air-gap files, TLS files, secret files) resolve.
        Path file = copy.resolve("mutated-" + example.getFileName());
        List<InventoryMutations.Mutation> mutations = InventoryMutations.of(Files.readString(example));
        List<String> failures = new ArrayList<>();
        CliRun.Session cli = new CliRun.Session(ENVIRONMENT);
        int rejected = 0;
        for (InventoryMutations.Mutation mutation : mutations) {
            Files.writeString(file, mutation.yaml(), StandardCharsets.UTF_8);
            CliRun validate = cli.run("validate", file.toString());
            CliRun plan = cli.run("plan", "--offline", file.toString());
            Outcome outcome = new Outcome(mutation.description(), file, validate, plan);
            outcome.failure().ifPresent(failures::add);
            rejected += validate.exitCode() == ExitCode.INVALID_INVENTORY.code() ? 1 : 0;
        }
        assertThat(failures).as("%d of %d mutations of %s mishandled", failures.size(), mutations.size(), example).isEmpty();
        assertThat(rejected).as("the mutations reach validation").isPositive().isLessThan(mutations.size());
    }

    /** What validate and plan --offline made of one mutation. */
    private record Outcome(String mutation, Path file, CliRun validate, CliRun plan) {

        Optional<String> failure() {
            List<String> wrong = new ArrayList<>();
            for (CliRun run : List.of(validate, plan)) {
                String command = run == validate ? "validate" : "plan --offline";
                if (run.exitCode() == ExitCode.INTERNAL.code()) {
                    wrong.add(command + " exited 70");
                }
                if (JAVA_TRACE.matcher(run.all()).find()) {
                    wrong.add(command + " printed a Java exception");
                }
                if (run.exitCode() == ExitCode.INVALID_INVENTORY.code()) {
                    unlocated(run.err()).ifPresent(line -> wrong.add(command + " rejected it without a location: " + line));
                }
            }
            if (validate.exitCode() != plan.exitCode()) {
                wrong.add("validate exited " + validate.exitCode() + " but plan --offline " + plan.exitCode());
            }
            if (wrong.isEmpty()) {
                return Optional.empty();
            }
            String output = (validate.all() + plan.all());
            return Optional.of(mutation + ": " + String.join("; ", wrong) + "\n    "
                    + output.substring(0, Math.min(output.length(), 600)).replace("\n", "\n    "));
        }

        /** The first line of a rejection that is neither a located problem nor the closing summary. */
        private Optional<String> unlocated(String err) {
            Pattern located = Pattern.compile("error: " + Pattern.quote(file.toString()) + ":\\d+:\\d+: .*");
            Pattern summary = Pattern.compile("error: " + Pattern.quote(file.toString()) + " is invalid: \\d+ problems?; no host was touched");
            List<String> lines = err.lines().toList();
            if (lines.stream().noneMatch(line -> located.matcher(line).matches())) {
                return Optional.of(lines.isEmpty() ? "(nothing)" : lines.get(0));
            }
            return lines.stream()
                    .filter(line -> !located.matcher(line).matches() && !summary.matcher(line).matches() && !line.startsWith("warning: "))
                    .findFirst();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path source : paths.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target);
                }
            }
        }
    }
}
