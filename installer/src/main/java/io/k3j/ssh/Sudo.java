package io.k3j.ssh;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Runs a command as root for a login user that is not root: {@code sudo -n} when no password is
 * needed, or {@code sudo -S} with the password as the first line of standard input, so it is
 * never on a command line. sudo reads that line byte by byte; the rest of stdin reaches the command.
 */
final class Sudo {

    private Sudo() {
    }

    record Wrapped(String command, byte[] stdin) {
    }

    static Wrapped wrap(String command, byte[] stdin, boolean asRoot, SshTarget target) {
        if (!asRoot || !target.needsSudo()) {
            return new Wrapped(command, stdin);
        }
        String shell = "sh -c " + Shell.quote(command);
        Optional<char[]> password = target.sudoPassword();
        if (password.isEmpty()) {
            return new Wrapped("sudo -n -- " + shell, stdin);
        }
        byte[] line = (new String(password.get()) + "\n").getBytes(StandardCharsets.UTF_8);
        byte[] input = Arrays.copyOf(line, line.length + stdin.length);
        System.arraycopy(stdin, 0, input, line.length, stdin.length);
        return new Wrapped("sudo -S -p '' -- " + shell, input);
    }
}
