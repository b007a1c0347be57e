package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.output.Output;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import io.k3j.plan.Step;
import io.k3j.plan.StepPlan;
import io.k3j.testing.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ProgressDisplayTest {
    private final StringWriter out = new StringWriter();

    private ProgressDisplay open(Environment environment, boolean json) {
        Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), json, 0, new Style(false));
        return ProgressDisplay.open(new CommandContext(output, environment, false), new SecretMasker(Set.of()), new ApplyTally(),
                new ManualClock());
    }

    @Test
    void withoutATerminalLinesGoStraightOutWithNoControlCharacter() throws InterruptedException {
        try (ProgressDisplay display = open(new Environment(Map.of("TERM", "xterm"), false, false), false)) {
            display.listener().stepStarted(new StepPlan(Step.WORKERS, "2 workers", List.of()));
            display.listener().hostStarted(new StepPlan(Step.WORKERS, "2 workers", List.of()), "10.0.0.31", "worker");

            assertThat(out.toString()).isEqualTo("\n4. Workers  2 workers\n");
        }
        assertThat(out.toString()).doesNotContain("\u001b", "\r");
    }

    @Test
    void jsonIsNeverDrawnLive() throws InterruptedException {
        try (ProgressDisplay display = open(new Environment(Map.of("TERM", "xterm"), true, true), true)) {
            display.listener().stepStarted(new StepPlan(Step.WORKERS, "2 workers", List.of()));
        }
        assertThat(out.toString()).isEqualTo("{\"event\":\"step\",\"step\":\"workers\",\"status\":\"started\",\"summary\":\"2 workers\"}\n");
    }
}
