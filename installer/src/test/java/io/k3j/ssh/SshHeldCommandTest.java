package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import net.schmizz.sshj.connection.channel.direct.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SshHeldCommandTest {
    @TempDir
    Path temp;

    /** The command's output, which stays open and silent as a held lock's does until the test ends. */
    private final PipedOutputStream printed = new PipedOutputStream();

    @AfterEach
    void endTheCommand() throws IOException {
        Thread.interrupted();
        printed.close();
    }

    @Test
    void aWaitForTheNextLineThatIsInterruptedThrowsRatherThanSayTheCommandEnded() throws IOException {
        SshHeldCommand held = new SshHeldCommand("198.51.100.11", session(), running(new PipedInputStream(printed)),
                RunLog.create(temp.resolve("run.log"), Clock.systemUTC()));
        Thread.currentThread().interrupt();

        assertThatThrownBy(() -> held.nextLine(Duration.ofMinutes(10))).isInstanceOf(InterruptedException.class);
        assertThat(held.exitStatus()).as("the command still runs").isEmpty();
    }

    /** The parts of an sshj command the held command uses: its output, its input, its end. */
    private static Session.Command running(PipedInputStream output) {
        return (Session.Command) Proxy.newProxyInstance(SshHeldCommandTest.class.getClassLoader(), new Class<?>[] {Session.Command.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getInputStream" -> output;
                    case "getOutputStream" -> OutputStream.nullOutputStream();
                    case "getExitStatus" -> null;
                    case "join" -> null;
                    default -> throw new UnsupportedOperationException("the held command does not call " + method.getName());
                });
    }

    private static Session session() {
        return (Session) Proxy.newProxyInstance(SshHeldCommandTest.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        return null;
                    }
                    throw new UnsupportedOperationException("the held command does not call " + method.getName());
                });
    }
}
