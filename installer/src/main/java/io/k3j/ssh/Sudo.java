package io.k3j.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs a command as root for a login user that is not root. How is found once per connection
 * ({@link #find}): {@code sudo -n} when sudo asks for no password; otherwise the password is
 * checked on its own, then sent as the first line of standard input ({@code sudo -k -S}, so sudo
 * asks every time and reads exactly that line; the rest reaches the command). The password is
 * never on a command line, never sent to a sudo that does not ask, and a wrong one never reaches
 * the command: sudo would read the command's input for its next tries.
 */
final class Sudo {
    private static final byte[] NO_PASSWORD = new byte[0];
    private static final int COMMAND_NOT_FOUND = 127;
    /** {@code -k}: cached credentials are ignored, so the answer says what the sudoers rule asks. */
    static final String PROBE = "sudo -k -n -- sh -c true";
    static final String PASSWORD_CHECK = "sudo -k -S -p '' -- sh -c true";

    /** How this connection's commands become root. */
    enum Mode { AS_IS, WITHOUT_PASSWORD, WITH_PASSWORD }

    /** Runs a wrapped command on the host, as a probe. */
    @FunctionalInterface
    interface Runner {
        ExecResult run(Wrapped command) throws IOException;
    }

    private Sudo() {
    }

    record Wrapped(String command, byte[] passwordLine) {

        /** The command's standard input: the password line, if sudo asks for one, then {@code input} as a stream. */
        InputStream stdin(Content input) throws IOException {
            InputStream rest = input.open();
            return passwordLine.length == 0 ? rest : new SequenceInputStream(new ByteArrayInputStream(passwordLine), rest);
        }
    }

    /**
     * Asks the host whether sudo wants a password for this user, and checks the one given if so.
     * Fails, naming the user and the host, when sudo refuses.
     */
    static Mode find(SshTarget target, Runner host) throws IOException {
        if (!target.needsSudo()) {
            return Mode.AS_IS;
        }
        ExecResult probe = host.run(new Wrapped(PROBE, NO_PASSWORD));
        if (probe.ok()) {
            return Mode.WITHOUT_PASSWORD;
        }
        String where = "user " + target.user() + " on host " + target.name() + " (" + target.hostPort() + ")";
        if (probe.exitStatus() == COMMAND_NOT_FOUND) {
            throw new SshException("sudo is not installed on host " + target.name() + " (" + target.hostPort() + "), which user "
                    + target.user() + " needs to run commands as root; install it there, or log in as root");
        }
        if (target.sudoPassword().isEmpty()) {
            throw new SshException("sudo asks for a password for " + where + " (sudo said: " + said(probe)
                    + "); set spec.ssh.sudoPassword, or give " + target.user() + " sudo without a password");
        }
        ExecResult check = host.run(new Wrapped(PASSWORD_CHECK, passwordLine(target.sudoPassword().get())));
        if (check.ok()) {
            return Mode.WITH_PASSWORD;
        }
        String stderr = check.stderr();
        if (stderr.contains("incorrect password") || stderr.contains("Sorry, try again")) {
            throw new SshException("sudo refused the password for " + where
                    + ": check spec.ssh.sudoPassword (nothing was run; each try counts towards the host's lock-out, if it has one)");
        }
        throw new SshException("sudo does not let " + where + " run commands as root (sudo said: " + said(check)
                + "); allow " + target.user() + " sudo on the host, or log in as root");
    }

    static Wrapped wrap(String command, boolean asRoot, Mode mode, SshTarget target) {
        if (!asRoot || mode == Mode.AS_IS) {
            return new Wrapped(command, NO_PASSWORD);
        }
        String shell = "sh -c " + Shell.quote(command);
        if (mode == Mode.WITHOUT_PASSWORD) {
            return new Wrapped("sudo -n -- " + shell, NO_PASSWORD);
        }
        return new Wrapped("sudo -k -S -p '' -- " + shell, passwordLine(target.sudoPassword().orElseThrow()));
    }

    private static byte[] passwordLine(char[] password) {
        return (new String(password) + "\n").getBytes(StandardCharsets.UTF_8);
    }

    private static String said(ExecResult result) {
        String stderr = result.stderr().strip();
        return stderr.isEmpty() ? "exit " + result.exitStatus() : stderr.replace('\n', ' ');
    }
}
