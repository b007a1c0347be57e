package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseDecisionTest {
    private static final String US = "bob@ci.example.com 99";
    private static final Instant RENEWED = Instant.parse("2026-12-02T14:05:00Z");

    private static Optional<ApplyLease> lease(String holder, Optional<Instant> renewed) {
        return Optional.of(new ApplyLease(holder, renewed, renewed, Duration.ofSeconds(360), 3, "41"));
    }

    @Test
    void noLeaseIsCreatedAReleasedOneTakenAndOurOwnKept() {
        assertThat(LeaseDecision.of(Optional.empty(), US, RENEWED)).isInstanceOf(LeaseDecision.Create.class);
        assertThat(LeaseDecision.of(lease("", Optional.of(RENEWED)), US, RENEWED)).isInstanceOf(LeaseDecision.Take.class);
        assertThat(LeaseDecision.of(lease(US, Optional.of(RENEWED)), US, RENEWED.plusSeconds(9999))).isInstanceOf(LeaseDecision.Ours.class);
    }

    @Test
    void anotherRunsLeaseIsHeldUntilItsRenewalPlusItsDurationThenExpired() {
        Optional<ApplyLease> alices = lease("alice@ops.example.com 4242", Optional.of(RENEWED));

        assertThat(LeaseDecision.of(alices, US, RENEWED.plusSeconds(359))).isInstanceOf(LeaseDecision.Held.class);
        assertThat(LeaseDecision.of(alices, US, RENEWED.plusSeconds(360))).isInstanceOf(LeaseDecision.Expired.class);
        assertThat(LeaseDecision.of(alices, US, RENEWED.plusSeconds(4000))).isInstanceOf(LeaseDecision.Expired.class);
    }

    @Test
    void aHolderWhoseLeaseSaysNoTimeIsExpiredAndTheAcquireTimeStandsForAMissingRenewal() {
        assertThat(LeaseDecision.of(lease("alice@ops.example.com 4242", Optional.empty()), US, RENEWED))
                .isInstanceOf(LeaseDecision.Expired.class);
        ApplyLease acquiredOnly = new ApplyLease("alice@ops.example.com 4242", Optional.of(RENEWED), Optional.empty(),
                Duration.ofSeconds(60), 0, "7");
        assertThat(acquiredOnly.expires()).contains(RENEWED.plusSeconds(60));
        assertThat(LeaseDecision.of(Optional.of(acquiredOnly), US, RENEWED.plusSeconds(30))).isInstanceOf(LeaseDecision.Held.class);
    }
}
