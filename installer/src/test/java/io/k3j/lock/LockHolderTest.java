package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class LockHolderTest {
    private static final Instant SINCE = Instant.parse("2026-12-02T14:05:00Z");

    @Test
    void theLineAHostKeepsReadsBackAsTheSameHolder() {
        LockHolder holder = new LockHolder("alice", "ops.example.com", 4242, SINCE);

        assertThat(LockHolder.parse(holder.line())).contains(holder);
        assertThat(LockHolder.describe(holder.line())).isEqualTo("alice on ops.example.com (pid 4242) since 2026-12-02T14:05:00Z");
    }

    @Test
    void aUserOrMachineNameBecomesOneWordSoTheLineStillReads() {
        LockHolder holder = new LockHolder("a lice\n$(id)", "", 7, SINCE);

        assertThat(holder.user()).isEqualTo("a_lice___id_");
        assertThat(holder.machine()).isEqualTo("unknown");
        assertThat(LockHolder.parse(holder.line())).contains(holder);
    }

    @Test
    void whatNoRunOfOursWroteIsShownPrintableAndCut() {
        assertThat(LockHolder.describe("\u001b]0;owned\u0007 someone")).isEqualTo("' someone'");
        assertThat(LockHolder.describe("x".repeat(500))).hasSize(203).endsWith("…'");
        assertThat(LockHolder.describe("  ")).isEqualTo("a run that has not said who it is yet");
        assertThat(LockHolder.parse("alice ops.example.com many 2026-12-02T14:05:00Z")).isEmpty();
        assertThat(LockHolder.parse("alice ops.example.com 1 yesterday")).isEmpty();
    }
}
