package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DrainRefusalTest {

    @Test
    void thePodKubectlCouldNotEvictIsReadFromItsLinesWithTheApisReason() {
        String output = """
                node/worker-1 cordoned
                evicting pod default/web-1
                error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
                error when evicting pods/"web-1" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.
                There are pending pods in node "worker-1" when an error occurred: [error when evicting pods/"web-1" -n "default": global timeout reached: 20s]
                error: unable to drain node "worker-1" due to error: ..., continuing command...
                """;

        DrainRefusal refusal = DrainRefusal.in(output).orElseThrow();

        assertThat(refusal.namespace()).isEqualTo("default");
        assertThat(refusal.pod()).isEqualTo("web-1");
        assertThat(refusal.reason()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        assertThat(refusal.byBudget()).isTrue();
    }

    @Test
    void aPodThatOutlastedTheTimeoutForAnotherReasonIsNamedWithIt() {
        DrainRefusal refusal = DrainRefusal.in("There are pending pods in node \"worker-1\" when an error occurred: "
                + "[error when evicting pods/\"db-0\" -n \"data\": global timeout reached: 20s]\n").orElseThrow();

        assertThat(refusal.namespace() + "/" + refusal.pod()).isEqualTo("data/db-0");
        assertThat(refusal.byBudget()).isFalse();
    }

    @Test
    void aDrainThatFailedForAnotherReasonNamesNoPod() {
        assertThat(DrainRefusal.in("error: nodes \"worker-9\" not found\n")).isEmpty();
    }
}
