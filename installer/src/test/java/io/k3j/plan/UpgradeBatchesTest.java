package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class UpgradeBatchesTest {

    @Test
    void theWorkersThatStayGoTogetherFirstThenTheUpgradingOnesInBatchesTheLastOneShort() {
        List<List<HostPlan>> waves = UpgradeBatches.waves(hosts("a"), hosts("w1", "w2", "w3", "w4", "w5"), 2);

        assertThat(waves).extracting(wave -> wave.stream().map(HostPlan::host).toList())
                .containsExactly(List.of("a"), List.of("w1", "w2"), List.of("w3", "w4"), List.of("w5"));
    }

    @Test
    void noWaveIsEmpty() {
        assertThat(UpgradeBatches.waves(List.of(), hosts("w1"), 3)).extracting(wave -> wave.size()).containsExactly(1);
        assertThat(UpgradeBatches.waves(hosts("a", "b"), List.of(), 1)).extracting(wave -> wave.size()).containsExactly(2);
        assertThat(UpgradeBatches.waves(List.of(), List.of(), 1)).isEmpty();
        assertThatThrownBy(() -> UpgradeBatches.waves(List.of(), hosts("w1"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<HostPlan> hosts(String... names) {
        return java.util.Arrays.stream(names).map(name -> new HostPlan(name, "worker", List.of())).toList();
    }
}
