package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class StaleHolderTest {
    private static final String HERE = "ci.example.com";
    /** The pids alive on this machine, as the table has it. */
    private static final Set<Long> ALIVE = Set.of(99L, 4242L);

    @ParameterizedTest(name = "{0} on {1}, pid {2}: gone = {3}")
    @CsvSource({
            "bob,   ci.example.com,  7,    true",   // this machine, pid gone: taken over
            "alice, ci.example.com,  7,    true",   // whoever ran it, the pid is this machine's
            "bob,   ci.example.com,  99,   false",  // this machine, pid alive (the run itself, or a live one)
            "bob,   ci.example.com,  4242, false",
            "alice, ops.example.com, 7,    false",  // another machine: never judged from here
            "alice, ops.example.com, 4242, false",
            "bob,   ci,              7,    false",  // a short name is another name
    })
    void aHolderIsGoneOnlyWhenItIsARunOfThisMachineWhosePidIsNotAliveHere(String user, String machine, long pid, boolean gone) {
        String line = new LockHolder(user, machine, pid, Instant.parse("2026-12-02T14:05:00Z")).line();

        assertThat(StaleHolder.of(line, HERE, ALIVE::contains)).as(line).isEqualTo(gone ? LockHolder.parse(line) : Optional.empty());
    }

    @ParameterizedTest(name = "''{0}''")
    @CsvSource(value = {"''", "'not a holder line'", "'bob ci.example.com notapid 2026-12-02T14:05:00Z'",
            "'bob ci.example.com 7 yesterday'"})
    void aLineNoRunOfOursWroteNamesNobodyGone(String line) {
        assertThat(StaleHolder.of(line, HERE, ALIVE::contains)).isEmpty();
    }

    @Test
    void thisProcessIsAliveHere() {
        assertThat(StaleHolder.aliveHere(ProcessHandle.current().pid())).isTrue();
    }
}
