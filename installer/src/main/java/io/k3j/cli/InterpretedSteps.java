package io.k3j.cli;

import io.k3j.apply.ApplyFailed;
import io.k3j.apply.StepFailure;
import io.k3j.apply.StepRun;
import io.k3j.plan.SecretMasker;
import java.util.List;

/**
 * The steps of a command run by apply's interpreter (certificates rotate, reset), or the command's
 * end: each failed host and step said (masked) with a {@code <command>-failed} event, then exit 1.
 */
final class InterpretedSteps {

    /** The steps, run or dry-run. */
    @FunctionalInterface
    interface Steps {
        List<StepRun> run() throws InterruptedException;
    }

    private InterpretedSteps() {
    }

    /** {@code failedEvent}: the event each failure is told in; {@code ending}: what the command's last error says. */
    static List<StepRun> runOrEnd(Steps steps, SecretMasker masker, CommandContext context, String failedEvent, String ending)
            throws InterruptedException {
        List<StepFailure> failures;
        try {
            return steps.run();
        } catch (ApplyFailed e) {
            failures = e.failures();
        } catch (StepFailure e) {
            failures = List.of(e);
        }
        failures.forEach(failure -> {
            context.output().error(masker.mask(failure.describe()));
            context.output().event(failedEvent, "host", failure.host(), "step", failure.step().name().toLowerCase(),
                    "action", failure.action(), "problem", failure.getMessage());
        });
        throw new CliException(ExitCode.APPLY_FAILED, ending);
    }
}
