package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SudoTest {

    private static SshTarget target(String user, boolean sudo, String password) {
        return new SshTarget("h", "198.51.100.11", 22, user, Optional.empty(), Optional.empty(), sudo,
                Optional.ofNullable(password).map(String::toCharArray), Optional.empty());
    }

    @Test
    void rootRunsCommandsAsTheyAre() {
        Sudo.Wrapped wrapped = Sudo.wrap("id -u", new byte[0], true, target("root", true, null));

        assertThat(wrapped.command()).isEqualTo("id -u");
    }

    @Test
    void aUserWithPasswordlessSudoUsesSudoN() {
        Sudo.Wrapped wrapped = Sudo.wrap("echo 'a b'", new byte[0], true, target("ops", true, null));

        assertThat(wrapped.command()).isEqualTo("sudo -n -- sh -c 'echo '\\''a b'\\'''");
    }

    @Test
    void theSudoPasswordGoesOnStandardInputNeverOnTheCommandLine() {
        Sudo.Wrapped wrapped = Sudo.wrap("cat > /x", "content".getBytes(StandardCharsets.UTF_8), true,
                target("opsp", true, "s3cret"));

        assertThat(wrapped.command()).isEqualTo("sudo -S -p '' -- sh -c 'cat > /x'").doesNotContain("s3cret");
        assertThat(new String(wrapped.stdin(), StandardCharsets.UTF_8)).isEqualTo("s3cret\ncontent");
    }

    @Test
    void commandsThatNeedNoRootRunAsTheUser() {
        assertThat(Sudo.wrap("uname -m", new byte[0], false, target("ops", true, "pw")).command()).isEqualTo("uname -m");
    }
}
