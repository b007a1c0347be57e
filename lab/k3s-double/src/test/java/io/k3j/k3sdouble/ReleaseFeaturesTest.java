package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ReleaseFeaturesTest {

    @Test
    void tokenRotateCameWithTheOctober2023Releases() {
        assertThat(ReleaseFeatures.hasTokenRotate("v1.28.3+k3s1")).isTrue();
        assertThat(ReleaseFeatures.hasTokenRotate("v1.28.2+k3s1")).isFalse();
        assertThat(ReleaseFeatures.hasTokenRotate("v1.25.15+k3s1")).isTrue();
        assertThat(ReleaseFeatures.hasTokenRotate("v1.25.14+k3s1")).isFalse();
        assertThat(ReleaseFeatures.hasTokenRotate("v1.24.17+k3s1")).isFalse();
        assertThat(ReleaseFeatures.hasTokenRotate("v1.31.4+k3s1")).isTrue();
    }

    @Test
    void certificatesAreRenewedWithin90DaysBeforeTheMay2025ReleasesAnd120After() {
        assertThat(ReleaseFeatures.certificateRenewDays("v1.31.4+k3s1")).isEqualTo(90);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.31.9+k3s1")).isEqualTo(120);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.30.12+k3s1")).isEqualTo(90);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.33.0+k3s1")).isEqualTo(90);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.33.1+k3s1")).isEqualTo(120);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.34.2+k3s1")).isEqualTo(120);
        assertThat(ReleaseFeatures.certificateRenewDays("v1.29.15+k3s1")).isEqualTo(90);
    }

    @Test
    void anythingButAK3sVersionIsRefused() {
        assertThatThrownBy(() -> ReleaseFeatures.hasTokenRotate("1.31.4")).hasMessageContaining("not a K3s version: 1.31.4");
    }
}
