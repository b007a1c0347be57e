package io.k3j.ssh;

import java.time.Duration;
import java.util.List;

/**
 * A command for a host: its shell text, what goes to its standard input, whether it runs as
 * root, how long it may take, whether running it twice is harmless (then a dropped connection
 * is retried once, its input sent again from the start), and the secrets the run log must mask.
 */
public record RemoteCommand(String text, Content stdin, boolean asRoot, Duration timeout, boolean idempotent,
                            List<String> secrets) {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    public static RemoteCommand asRoot(String text) {
        return new RemoteCommand(text, Content.NONE, true, DEFAULT_TIMEOUT, true, List.of());
    }

    public RemoteCommand withStdin(byte[] input) {
        return withStdin(Content.of(input));
    }

    public RemoteCommand withStdin(Content input) {
        return new RemoteCommand(text, input, asRoot, timeout, idempotent, secrets);
    }

    public RemoteCommand withTimeout(Duration limit) {
        return new RemoteCommand(text, stdin, asRoot, limit, idempotent, secrets);
    }

    public RemoteCommand notIdempotent() {
        return new RemoteCommand(text, stdin, asRoot, timeout, false, secrets);
    }

    public RemoteCommand masking(List<String> values) {
        return new RemoteCommand(text, stdin, asRoot, timeout, idempotent, List.copyOf(values));
    }
}
