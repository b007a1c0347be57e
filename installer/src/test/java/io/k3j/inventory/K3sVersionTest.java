package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class K3sVersionTest {

    private static K3sVersion version(String text) {
        return K3sVersion.parse(text).orElseThrow();
    }

    @Test
    void readsEachPartOfARelease() {
        assertThat(version("v1.31.4+k3s1")).isEqualTo(new K3sVersion(1, 31, 4, Optional.empty(), 1));
        assertThat(version("v1.32.0-rc2+k3s1")).isEqualTo(new K3sVersion(1, 32, 0, Optional.of(2), 1));
        assertThat(version("v1.32.0-rc2+k3s1")).hasToString("v1.32.0-rc2+k3s1");
    }

    @Test
    void ordersReleasesAsTheyFollowOneAnother() {
        List<String> inOrder = List.of("v1.30.9+k3s1", "v1.31.0-rc1+k3s1", "v1.31.0-rc2+k3s1", "v1.31.0+k3s1",
                "v1.31.4+k3s1", "v1.31.4+k3s2", "v1.31.10+k3s1", "v1.32.0+k3s1", "v2.0.0+k3s1");
        List<String> shuffled = List.of("v1.31.4+k3s2", "v2.0.0+k3s1", "v1.31.0+k3s1", "v1.31.10+k3s1", "v1.30.9+k3s1",
                "v1.31.0-rc2+k3s1", "v1.32.0+k3s1", "v1.31.4+k3s1", "v1.31.0-rc1+k3s1");

        assertThat(shuffled.stream().map(K3sVersionTest::version).sorted().map(K3sVersion::toString)).containsExactlyElementsOf(inOrder);
    }

    @Test
    void countsMinorsOnlyWithinAMajorVersion() {
        assertThat(version("v1.30.9+k3s1").minorsTo(version("v1.32.0+k3s1"))).contains(2);
        assertThat(version("v1.32.0+k3s1").minorsTo(version("v1.31.4+k3s1"))).contains(-1);
        assertThat(version("v1.32.0+k3s1").minorsTo(version("v2.0.0+k3s1"))).isEmpty();
        assertThat(version("v1.32.3+k3s1").minorLine()).isEqualTo("v1.32");
    }

    @Test
    void refusesWhatIsNotAK3sReleaseAndNumbersTooLongForAnInt() {
        assertThat(Stream.of("1.31.4+k3s1", "v1.31.4", "v1.31+k3s1", "v1.31.4+k3s", "v1.31.4-beta1+k3s1", "v1.31.4+k3s1 ",
                "v1.31.4+rke2r1", "v9999999999.1.1+k3s1", "v1.31.4+k3s99999999999", "latest", ""))
                .allSatisfy(text -> assertThat(K3sVersion.parse(text)).as(text).isEmpty());
    }

    @Test
    void tokenRotateCameWithV1283AndItsBackportsAndStays() {
        assertThat(List.of("v1.28.3+k3s1", "v1.28.3+k3s2", "v1.27.7+k3s1", "v1.26.10+k3s1", "v1.25.15+k3s1", "v1.29.0+k3s1",
                "v1.32.0+k3s1", "v2.0.0+k3s1")).allMatch(text -> version(text).hasTokenRotate());
        assertThat(List.of("v1.28.2+k3s1", "v1.28.3-rc1+k3s1", "v1.27.6+k3s1", "v1.26.9+k3s1", "v1.25.14+k3s1", "v1.24.17+k3s1"))
                .noneMatch(text -> version(text).hasTokenRotate());
    }

    @Test
    void certificatesAreRenewedWithin90DaysAnd120FromTheMay2025Releases() {
        assertThat(List.of("v1.33.1+k3s1", "v1.32.5+k3s1", "v1.31.9+k3s1", "v1.30.13+k3s1", "v1.34.0+k3s1", "v2.0.0+k3s1"))
                .allMatch(text -> version(text).certificateRenewalDays() == 120);
        assertThat(List.of("v1.33.0+k3s1", "v1.32.4+k3s1", "v1.31.4+k3s1", "v1.31.9-rc1+k3s1", "v1.30.12+k3s1", "v1.29.15+k3s1"))
                .allMatch(text -> version(text).certificateRenewalDays() == 90);
    }
}
