package io.k3j.backup;

import io.k3j.apply.StepFailure;
import io.k3j.plan.Step;
import io.k3j.ssh.SshException;
import java.util.function.Supplier;

/** A piece of work on a host, whose dropped connection (or a host that cannot run it) is that host's failure at that step. */
final class HostStep {

    private HostStep() {
    }

    /** {@code work}, or a {@link StepFailure} naming the host, step and action; {@code again} says what to run once it is fixed. */
    static <T> T on(String address, Step step, String action, String again, Supplier<T> work) {
        try {
            return work.get();
        } catch (SshException e) {
            throw new StepFailure(address, step, action, e.getMessage(), "check the host is up and reachable, then " + again);
        }
    }
}
