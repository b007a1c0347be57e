package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MaxUnavailableTest {

    @Test
    void aShareIsRoundedDownAndNeverBelowOne() {
        assertThat(MaxUnavailable.DEFAULT.of(4)).isEqualTo(1);
        assertThat(MaxUnavailable.DEFAULT.of(24)).isEqualTo(2);
        assertThat(MaxUnavailable.DEFAULT.of(29)).isEqualTo(2);
        assertThat(MaxUnavailable.parse("25%").orElseThrow().of(8)).isEqualTo(2);
        assertThat(MaxUnavailable.parse("100%").orElseThrow().of(8)).isEqualTo(8);
    }

    @Test
    void aCountIsTakenAsItIsButNeverMoreThanTheWorkers() {
        assertThat(MaxUnavailable.parse("3").orElseThrow().of(8)).isEqualTo(3);
        assertThat(MaxUnavailable.parse("3").orElseThrow().of(2)).isEqualTo(2);
        assertThat(MaxUnavailable.parse("1").orElseThrow().of(0)).isEqualTo(1);
    }

    @Test
    void onlyAPositiveCountOrAShareUpToAllIsAccepted() {
        assertThat(MaxUnavailable.parse("0")).isEmpty();
        assertThat(MaxUnavailable.parse("0%")).isEmpty();
        assertThat(MaxUnavailable.parse("101%")).isEmpty();
        assertThat(MaxUnavailable.parse("-1")).isEmpty();
        assertThat(MaxUnavailable.parse("two")).isEmpty();
        assertThat(MaxUnavailable.parse("%")).isEmpty();
        assertThat(MaxUnavailable.parse("")).isEmpty();
        assertThat(MaxUnavailable.parse("9999999")).isEmpty();
        assertThat(MaxUnavailable.parse("50%").map(MaxUnavailable::toString)).hasValue("50%");
    }
}
