package io.k3j.apply;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait loop a host runs ({@link RemoteShell#waitUntil}), run with sh here: a {@code sleep} of
 * the test's on the PATH writes down each pause instead of taking it, so no test waits real time.
 */
class RemoteShellTest {
    /** Holds on its third check. */
    private static final String THIRD_CHECK = "checks=$((checks + 1)); [ \"$checks\" -ge 3 ]";

    @TempDir
    Path temp;

    @Test
    void theHostChecksFiveTimesASecondUntilTheConditionHolds() throws Exception {
        sleepThat("");

        assertThat(run(THIRD_CHECK, Duration.ofSeconds(60))).isZero();
        assertThat(pauses()).isEqualTo("0.2\n0.2\n");
    }

    @Test
    void aSleepThatTakesWholeSecondsOnlySleepsOneSecondBetweenChecks() throws Exception {
        sleepThat("case $1 in *.*) echo \"sleep: invalid time interval '$1'\" >&2; exit 1 ;; esac\n");

        assertThat(run(THIRD_CHECK, Duration.ofSeconds(60))).isZero();
        assertThat(pauses()).isEqualTo("1\n1\n");
    }

    @Test
    void aConditionStillFalseAtTheLimitEndsTheWaitWith124() throws Exception {
        sleepThat("");

        assertThat(run("false", Duration.ZERO)).isEqualTo(124);
        assertThat(pauses()).isEmpty();
    }

    /** A {@code sleep} on the PATH that runs {@code refusal} first, then writes its argument down. */
    private void sleepThat(String refusal) throws IOException {
        Path tools = Files.createDirectories(temp.resolve("tools"));
        Files.writeString(tools.resolve("sleep"), "#!/bin/sh\n" + refusal + "echo \"$1\" >> " + temp.resolve("pauses") + "\n");
        tools.resolve("sleep").toFile().setExecutable(true);
        Files.writeString(temp.resolve("pauses"), "");
    }

    private String pauses() throws IOException {
        return Files.readString(temp.resolve("pauses"));
    }

    /** The loop on sh's standard input, as a host runs it; its exit status. */
    private int run(String condition, Duration limit) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-s").redirectErrorStream(true);
        builder.environment().put("PATH", temp.resolve("tools") + ":/usr/bin:/bin");
        Process shell = builder.start();
        shell.getOutputStream().write(RemoteShell.waitUntil(condition, limit).getBytes(StandardCharsets.UTF_8));
        shell.getOutputStream().close();
        String output = new String(shell.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int status = shell.waitFor();
        assertThat(output).as("what the loop printed").isEmpty();
        return status;
    }
}
