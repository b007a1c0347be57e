package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SudoTest {
    @TempDir
    Path temp;

    private static SshTarget target(String user, boolean sudo, String password) {
        return new SshTarget("h", "198.51.100.11", 22, user, Optional.empty(), Optional.empty(), sudo,
                Optional.ofNullable(password).map(String::toCharArray), Optional.empty());
    }

    private static String stdin(Sudo.Wrapped wrapped, Content input) throws IOException {
        try (InputStream in = wrapped.stdin(input)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void rootRunsCommandsAsTheyAre() throws IOException {
        Sudo.Wrapped wrapped = Sudo.wrap("id -u", true, target("root", true, null));

        assertThat(wrapped.command()).isEqualTo("id -u");
        assertThat(stdin(wrapped, Content.of("input"))).isEqualTo("input");
    }

    @Test
    void aUserWithPasswordlessSudoUsesSudoN() throws IOException {
        Sudo.Wrapped wrapped = Sudo.wrap("echo 'a b'", true, target("ops", true, null));

        assertThat(wrapped.command()).isEqualTo("sudo -n -- sh -c 'echo '\\''a b'\\'''");
        assertThat(stdin(wrapped, Content.NONE)).isEmpty();
    }

    @Test
    void theSudoPasswordGoesOnStandardInputNeverOnTheCommandLine() throws IOException {
        Sudo.Wrapped wrapped = Sudo.wrap("cat > /x", true, target("opsp", true, "s3cret"));

        assertThat(wrapped.command()).isEqualTo("sudo -S -p '' -- sh -c 'cat > /x'").doesNotContain("s3cret");
        assertThat(stdin(wrapped, Content.of("content"))).isEqualTo("s3cret\ncontent");
    }

    @Test
    void aStreamedFileFollowsThePasswordLineAndIsSentAgainWhenOpenedAgain() throws IOException {
        Path file = Files.writeString(temp.resolve("k3s"), "binary\nbytes");
        Content.LocalFile content = new LocalFiles().content(file);
        Sudo.Wrapped wrapped = Sudo.wrap("cat > /usr/local/bin/k3s", true, target("opsp", true, "s3cret"));

        assertThat(stdin(wrapped, content)).isEqualTo("s3cret\nbinary\nbytes");
        assertThat(stdin(wrapped, content)).isEqualTo("s3cret\nbinary\nbytes");
    }

    @Test
    void commandsThatNeedNoRootRunAsTheUser() throws IOException {
        Sudo.Wrapped wrapped = Sudo.wrap("uname -m", false, target("ops", true, "pw"));

        assertThat(wrapped.command()).isEqualTo("uname -m");
        assertThat(stdin(wrapped, Content.NONE)).isEmpty();
    }
}
