package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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

    /** A host whose sudo answers the probe and the password check as given; records what it was sent. */
    private static final class FakeSudo implements Sudo.Runner {
        final List<String> sent = new ArrayList<>();
        private final ExecResult probe;
        private final ExecResult check;

        FakeSudo(ExecResult probe, ExecResult check) {
            this.probe = probe;
            this.check = check;
        }

        @Override
        public ExecResult run(Sudo.Wrapped command) throws IOException {
            sent.add(command.command() + " <" + stdin(command, Content.NONE));
            return command.command().equals(Sudo.PROBE) ? probe : check;
        }
    }

    private static ExecResult exit(int status, String stderr) {
        return new ExecResult(status, "", stderr, Duration.ZERO);
    }

    @Test
    void rootRunsCommandsAsTheyAre() throws IOException {
        FakeSudo host = new FakeSudo(exit(0, ""), exit(0, ""));
        Sudo.Mode mode = Sudo.find(target("root", true, "pw"), host);
        Sudo.Wrapped wrapped = Sudo.wrap("id -u", true, mode, target("root", true, "pw"));

        assertThat(host.sent).as("nothing asked").isEmpty();
        assertThat(wrapped.command()).isEqualTo("id -u");
        assertThat(stdin(wrapped, Content.of("input"))).isEqualTo("input");
    }

    @Test
    void aUserWhoseSudoAsksNoPasswordNeverGetsTheOneGiven() throws IOException {
        SshTarget ops = target("ops", true, "s3cret");
        FakeSudo host = new FakeSudo(exit(0, ""), exit(0, ""));

        Sudo.Mode mode = Sudo.find(ops, host);
        Sudo.Wrapped wrapped = Sudo.wrap("echo 'a b'", true, mode, ops);

        assertThat(host.sent).containsExactly(Sudo.PROBE + " <");
        assertThat(wrapped.command()).isEqualTo("sudo -n -- sh -c 'echo '\\''a b'\\'''");
        assertThat(stdin(wrapped, Content.of("input"))).isEqualTo("input");
    }

    @Test
    void thePasswordIsCheckedAloneThenGoesOnStandardInputNeverOnTheCommandLine() throws IOException {
        SshTarget opsp = target("opsp", true, "s3cret");
        FakeSudo host = new FakeSudo(exit(1, "sudo: a password is required\n"), exit(0, ""));

        Sudo.Mode mode = Sudo.find(opsp, host);
        Sudo.Wrapped wrapped = Sudo.wrap("cat > /x", true, mode, opsp);

        assertThat(host.sent).containsExactly(Sudo.PROBE + " <", Sudo.PASSWORD_CHECK + " <s3cret\n");
        assertThat(wrapped.command()).isEqualTo("sudo -k -S -p '' -- sh -c 'cat > /x'").doesNotContain("s3cret");
        assertThat(stdin(wrapped, Content.of("content"))).isEqualTo("s3cret\ncontent");
    }

    @Test
    void aWrongPasswordIsSaidToBeOne() {
        FakeSudo host = new FakeSudo(exit(1, "sudo: a password is required\n"),
                exit(1, "Sorry, try again.\nsudo: no password was provided\nsudo: 1 incorrect password attempt\n"));

        assertThatThrownBy(() -> Sudo.find(target("opsp", true, "wrong"), host))
                .isInstanceOf(SshException.class)
                .hasMessageStartingWith("sudo refused the password for user opsp on host h (198.51.100.11:22): check spec.ssh.sudoPassword")
                .message().doesNotContain("could not be reached", "set spec.ssh.sudoPassword", "wrong");
    }

    @Test
    void aPasswordNeededButNotGivenIsAskedFor() {
        FakeSudo host = new FakeSudo(exit(1, "sudo: a password is required\n"), exit(0, ""));

        assertThatThrownBy(() -> Sudo.find(target("opsp", true, null), host))
                .hasMessage("sudo asks for a password for user opsp on host h (198.51.100.11:22) (sudo said: sudo: a password is "
                        + "required); set spec.ssh.sudoPassword, or give opsp sudo without a password");
        assertThat(host.sent).containsExactly(Sudo.PROBE + " <");
    }

    @Test
    void aUserSudoDoesNotAllowIsToldSo() {
        FakeSudo host = new FakeSudo(exit(1, "sudo: a password is required\n"),
                exit(1, "opsp is not in the sudoers file.  This incident will be reported.\n"));

        assertThatThrownBy(() -> Sudo.find(target("opsp", true, "pw"), host))
                .hasMessageContaining("sudo does not let user opsp on host h").hasMessageContaining("not in the sudoers file");
    }

    @Test
    void aHostWithoutSudoIsToldSo() {
        FakeSudo host = new FakeSudo(exit(127, "sh: 1: sudo: not found\n"), exit(0, ""));

        assertThatThrownBy(() -> Sudo.find(target("ops", true, null), host)).hasMessageStartingWith("sudo is not installed on host h");
    }

    @Test
    void aStreamedFileFollowsThePasswordLineAndIsSentAgainWhenOpenedAgain() throws IOException {
        Path file = Files.writeString(temp.resolve("k3s"), "binary\nbytes");
        Content.LocalFile content = new LocalFiles().content(file);
        Sudo.Wrapped wrapped = Sudo.wrap("cat > /usr/local/bin/k3s", true, Sudo.Mode.WITH_PASSWORD, target("opsp", true, "s3cret"));

        assertThat(stdin(wrapped, content)).isEqualTo("s3cret\nbinary\nbytes");
        assertThat(stdin(wrapped, content)).isEqualTo("s3cret\nbinary\nbytes");
    }

    @Test
    void commandsThatNeedNoRootRunAsTheUser() throws IOException {
        Sudo.Wrapped wrapped = Sudo.wrap("uname -m", false, Sudo.Mode.WITH_PASSWORD, target("ops", true, "pw"));

        assertThat(wrapped.command()).isEqualTo("uname -m");
        assertThat(stdin(wrapped, Content.NONE)).isEmpty();
    }
}
