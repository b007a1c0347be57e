package io.k3j.k3sdouble;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class K3sVersionTest {

    @AfterEach
    void noLauncher() {
        System.clearProperty(Version.RELEASE_PROPERTY);
    }

    @Test
    void versionPrintsTheTwoLinesOfTheReleaseTheLauncherNames() {
        System.setProperty(Version.RELEASE_PROPERTY, "v1.32.0+k3s1");

        assertThat(run("--version")).isEqualTo("k3s version v1.32.0+k3s1 (cca8faca)\ngo version go1.23.3\n");
        assertThat(run("--help")).endsWith("VERSION:\n   v1.32.0+k3s1 (cca8faca)\n");
    }

    @Test
    void withoutALauncherTheJarIsTheInstallersDefaultRelease() {
        assertThat(run("--version")).isEqualTo("k3s version v1.31.4+k3s1 (a562d090)\ngo version go1.22.9\n");
    }

    @Test
    void theReleasesAreThreeConsecutiveMinorsEachWithTheWholeCommitItWasTaggedAt() {
        assertThat(Version.RELEASES).extracting(Version::version).containsExactly("v1.30.8+k3s1", "v1.31.4+k3s1", "v1.32.0+k3s1");
        assertThat(Version.RELEASES).allSatisfy(release -> assertThat(release.commit()).matches("[0-9a-f]{40}"));
        assertThat(Version.of("v1.30.8+k3s1").text()).isEqualTo("k3s version v1.30.8+k3s1 (b43a365f)\ngo version go1.22.9\n");
    }

    @Test
    void aLauncherNamingAnUnknownReleaseIsABugOfTheBuild() {
        assertThatThrownBy(() -> Version.of("v1.29.0+k3s1")).hasMessage("the K3s double knows no release v1.29.0+k3s1 (it knows "
                + "v1.30.8+k3s1, v1.31.4+k3s1, v1.32.0+k3s1): its launcher and io.k3j.k3sdouble.Version.RELEASES disagree");
    }

    private static String run(String argument) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = K3s.run(new String[] {argument}, new PrintStream(out), new PrintStream(new ByteArrayOutputStream()));
        assertThat(code).isZero();
        return out.toString();
    }
}
