package io.k3j.lock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LeaseJsonTest {
    private static final Instant TAKEN = Instant.parse("2026-12-02T14:05:00Z");

    @Test
    void theHeldLeaseNamesItsHolderWithMicroTimesAndTheResourceVersionOfAReplace() {
        String created = LeaseJson.held("bob@ci.example.com 99", TAKEN, TAKEN.plusMillis(1500), Duration.ofSeconds(360), 0, Optional.empty());
        String replaced = LeaseJson.held("bob@ci.example.com 99", TAKEN, TAKEN, Duration.ofSeconds(360), 4, Optional.of("41"));

        assertThat(created).isEqualTo("{\"apiVersion\":\"coordination.k8s.io/v1\",\"kind\":\"Lease\",\"metadata\":{\"name\":\"k3j-apply\","
                + "\"namespace\":\"kube-system\"},\"spec\":{\"holderIdentity\":\"bob@ci.example.com 99\","
                + "\"acquireTime\":\"2026-12-02T14:05:00.000000Z\",\"renewTime\":\"2026-12-02T14:05:01.500000Z\","
                + "\"leaseDurationSeconds\":360,\"leaseTransitions\":0}}");
        assertThat(replaced).contains("\"metadata\":{\"name\":\"k3j-apply\",\"namespace\":\"kube-system\",\"resourceVersion\":\"41\"}")
                .contains("\"leaseTransitions\":4");
    }

    @Test
    void aReleasedLeaseHasNoHolderAndNamesTheVersionThisRunWroteLast() {
        ApplyLease ours = new ApplyLease("bob@ci.example.com 99", Optional.of(TAKEN), Optional.of(TAKEN), Duration.ofSeconds(360), 2, "57");

        String released = LeaseJson.released(ours, TAKEN.plusSeconds(90));

        assertThat(released).doesNotContain("holderIdentity").contains("\"resourceVersion\":\"57\"")
                .contains("\"renewTime\":\"2026-12-02T14:06:30.000000Z\"").contains("\"leaseTransitions\":2");
    }

    @Test
    void whatKubectlPrintsIsReadBackAndAnythingElseIsNoLease() {
        String printed = "{\n    \"apiVersion\": \"coordination.k8s.io/v1\",\n    \"kind\": \"Lease\",\n    \"metadata\": {\n"
                + "        \"name\": \"k3j-apply\",\n        \"resourceVersion\": \"41\"\n    },\n    \"spec\": {\n"
                + "        \"acquireTime\": \"2026-12-02T14:05:00.000000Z\",\n        \"holderIdentity\": \"alice@ops.example.com 4242\",\n"
                + "        \"leaseDurationSeconds\": 360,\n        \"leaseTransitions\": 1,\n"
                + "        \"renewTime\": \"2026-12-02T14:05:30.123456Z\"\n    }\n}\n";

        assertThat(ApplyLease.parse(printed)).contains(new ApplyLease("alice@ops.example.com 4242", Optional.of(TAKEN),
                Optional.of(Instant.parse("2026-12-02T14:05:30.123456Z")), Duration.ofSeconds(360), 1, "41"));
        assertThat(ApplyLease.parse(LeaseJson.held("x@y 1", TAKEN, TAKEN, Duration.ofSeconds(60), 0, Optional.of("3"))).map(ApplyLease::holder))
                .contains("x@y 1");
        assertThat(ApplyLease.parse("{\"kind\":\"Lease\",\"metadata\":{},\"spec\":{\"holderIdentity\":\"x\","
                + "\"renewTime\":\"2026-12-02T14:05:00Z\",\"leaseDurationSeconds\":99999999999999999999}}").orElseThrow().expires())
                .as("a duration past int32 is int32's most").contains(TAKEN.plusSeconds(Integer.MAX_VALUE));
        assertThat(ApplyLease.parse("{\"kind\":\"Status\"}")).isEmpty();
        assertThat(ApplyLease.parse("not: [json")).isEmpty();
        assertThat(ApplyLease.parse("{\"kind\":\"Lease\",\"metadata\":{},\"spec\":{\"renewTime\":\"yesterday\"}}")).isEmpty();
    }

    @Test
    void theLeaseOutlastsTheLongestWaitOnTheServerAndAMinuteMore() {
        assertThat(ClusterLease.durationFor(Duration.ofSeconds(300))).isEqualTo(Duration.ofSeconds(360));
        assertThat(ClusterLease.durationFor(Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(120));
        assertThat(ClusterLease.RENEW_EVERY).isLessThan(ClusterLease.durationFor(Duration.ZERO).dividedBy(3));
    }
}
