package io.k3j.apply;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Shell scripts run as root on a host, the script on standard input (never on a command line). */
public final class RemoteShell {

    private RemoteShell() {
    }

    public static ExecResult run(RemoteHost host, String script) {
        return host.run(RemoteCommand.asRoot("sh -s").withStdin(script.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A script whose second run is not harmless (a restart: run twice, the units restart twice), so
     * a dropped connection fails it instead of running it again; the next apply carries on.
     */
    static ExecResult runOnce(RemoteHost host, String script) {
        return host.run(RemoteCommand.asRoot("sh -s").withStdin(script.getBytes(StandardCharsets.UTF_8)).notIdempotent());
    }

    public static ExecResult run(RemoteHost host, String script, Duration timeout) {
        return host.run(RemoteCommand.asRoot("sh -s").withStdin(script.getBytes(StandardCharsets.UTF_8))
                .withTimeout(timeout.plusSeconds(30)));
    }

    /**
     * A loop that waits on the host until {@code condition} (a shell test) holds, checking five
     * times a second, and exits 124 when it still does not hold after {@code limit}. Once a second
     * lost half a second, on average, of every unit's start: on the lab the K3s double's servers
     * are active about 5 s after their restart. A {@code sleep} that takes whole seconds only
     * (POSIX asks no more) sleeps 1.
     */
    public static String waitUntil(String condition, Duration limit) {
        return waitUntilEach(List.of(condition), limit);
    }

    /** As {@link #waitUntil}, for each condition in turn, all within the one {@code limit}. */
    static String waitUntilEach(List<String> conditions, Duration limit) {
        StringBuilder script = new StringBuilder("deadline=$(( $(date +%s) + " + limit.toSeconds() + " ))\n");
        for (String condition : conditions) {
            script.append("until ").append(condition).append("; do\n")
                    .append("    [ \"$(date +%s)\" -lt \"$deadline\" ] || exit 124\n")
                    .append("    sleep 0.2 2>/dev/null || sleep 1\n")
                    .append("done\n");
        }
        return script.toString();
    }

    /** The last lines of a unit's journal, to show with an error. */
    public static String journal(RemoteHost host, String unit) {
        ExecResult result = run(host, "journalctl -u " + unit + " -n 12 --no-pager -o cat 2>&1 || true");
        return result.stdout().strip();
    }
}
