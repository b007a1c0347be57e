package io.k3j.lab;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

/**
 * A JVM for {@link RunningCommandsTest}: runs {@code args[0]} as {@link Lab} runs {@code lab/lab},
 * with the rest as its arguments, until the test stops this JVM.
 */
final class RunsALabCommand {
    private RunsALabCommand() {
    }

    public static void main(String[] args) {
        String[] arguments = Arrays.copyOfRange(args, 1, args.length);
        Lab.run(Path.of(args[0]), Duration.ofMinutes(10), arguments);
    }
}
