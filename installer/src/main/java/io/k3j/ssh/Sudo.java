package io.k3j.ssh;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Runs a command as root for a login user that is not root: {@code sudo -n} when no password is
 * needed, or {@code sudo -S} with the password as the first line of standard input, so it is
 * never on a command line. sudo reads that line byte by byte; the rest of stdin reaches the command.
 */
final class Sudo {
    private static final byte[] NO_PASSWORD = new byte[0];

    private Sudo() {
    }

    record Wrapped(String command, byte[] passwordLine) {

        /** The command's standard input: the password line, if sudo asks for one, then {@code input} as a stream. */
        InputStream stdin(Content input) throws IOException {
            InputStream rest = input.open();
            return passwordLine.length == 0 ? rest : new SequenceInputStream(new ByteArrayInputStream(passwordLine), rest);
        }
    }

    static Wrapped wrap(String command, boolean asRoot, SshTarget target) {
        if (!asRoot || !target.needsSudo()) {
            return new Wrapped(command, NO_PASSWORD);
        }
        String shell = "sh -c " + Shell.quote(command);
        Optional<char[]> password = target.sudoPassword();
        if (password.isEmpty()) {
            return new Wrapped("sudo -n -- " + shell, NO_PASSWORD);
        }
        return new Wrapped("sudo -S -p '' -- " + shell, (new String(password.get()) + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
