package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;

class BuildInfoTest {

    private static Properties properties(String... keysAndValues) {
        Properties properties = new Properties();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            properties.setProperty(keysAndValues[i], keysAndValues[i + 1]);
        }
        return properties;
    }

    @Test
    void aFilteredResourceGivesVersionCommitAndDate() {
        BuildInfo build = BuildInfo.of(properties("version", "1.2.0", "commit", "0123456789ab", "date", "2026-12-01T20:45:00Z"));

        assertThat(VersionCommand.line(build, "17.0.15"))
                .isEqualTo("k3j-install 1.2.0 (commit 0123456789ab, built 2026-12-01T20:45:00Z, Java 17.0.15)");
    }

    @Test
    void missingBlankOrUnfilteredValuesAreUnknown() {
        BuildInfo build = BuildInfo.of(properties("version", "0.1.0", "commit", "${build.commit}", "date", " "));

        assertThat(build).isEqualTo(new BuildInfo("0.1.0", "unknown", "unknown"));
        assertThat(BuildInfo.of(new Properties()).version()).isEqualTo("unknown");
    }

    @Test
    void theJarUnderTestWasStampedByTheBuild() {
        BuildInfo build = BuildInfo.ofThisJar();

        assertThat(build.version()).matches("\\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
        assertThat(build.commit()).matches("[0-9a-f]{12}|unknown");
        assertThat(build.date()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
    }
}
