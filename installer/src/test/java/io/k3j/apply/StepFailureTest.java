package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.plan.Step;
import io.k3j.ssh.SshException;
import org.junit.jupiter.api.Test;

/** What a host said reaches the operator's terminal without its control characters. */
class StepFailureTest {

    @Test
    void aJournalQuotedInAFailureKeepsItsTextButNotItsEscapes() {
        StepFailure failure = new StepFailure("198.51.100.11", Step.SERVERS, "start k3s",
                "k3s did not become ready; its journal ends: \u001b]0;pwned\u0007level=fatal\r\u001b[2Kmsg=x", "read the journal");

        assertThat(failure.describe()).isEqualTo("198.51.100.11: step 2. Servers: start k3s: k3s did not become ready; its journal "
                + "ends: level=fatalmsg=x. Read the journal");
    }

    @Test
    void aCommandsErrorOutputInAnSshErrorIsPrintableToo() {
        assertThat(new SshException("h: cannot read the host's facts: \u001b[31mno\u001b[0m\u0008 sh")).hasMessage("h: cannot read the host's facts: no sh");
    }
}
