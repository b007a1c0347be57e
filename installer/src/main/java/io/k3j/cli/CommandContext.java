package io.k3j.cli;

import io.k3j.output.Output;

/** What every command runs with: where output goes, the environment, and whether it may prompt. */
public record CommandContext(Output output, Environment environment, boolean interactive) {
}
