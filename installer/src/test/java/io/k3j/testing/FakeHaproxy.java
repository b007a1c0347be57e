package io.k3j.testing;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.regex.Pattern;

/**
 * A fake host's HAProxy as its runtime API answers (apply's HaproxyRuntime scripts: one command to
 * the stats socket through {@code nc -U}): the backend {@code k3s-servers} with the servers given,
 * each drained and set ready as told, with the sessions a test gives it; the socket is there only
 * while {@code socket} says so (HAProxy running with k3j-install's haproxy.cfg). Its answers have
 * HAProxy 2.6's form (see HaproxyRuntimeTest), cut to the fields read. In the journal as
 * "drain SERVER", "ready SERVER", "show stat" and "show servers state".
 */
public final class FakeHaproxy {
    private static final String BACKEND = "k3s-servers";

    private final List<String> servers;
    private final Set<String> drained = ConcurrentHashMap.newKeySet();
    private final Map<String, IntSupplier> sessions = new ConcurrentHashMap<>();

    private FakeHaproxy(List<String> servers) {
        this.servers = servers;
    }

    public static FakeHaproxy teach(FakeHost host, List<String> servers, BooleanSupplier socket) {
        FakeHaproxy haproxy = new FakeHaproxy(servers);
        for (String server : servers) {
            for (String state : List.of("drain", "ready")) {
                host.on(state + " " + server, command("set server " + BACKEND + "/" + server + " state " + state), sent -> {
                    if (!socket.getAsBoolean()) {
                        return FakeHost.exit(3, "");
                    }
                    if (state.equals("drain")) {
                        haproxy.drained.add(server);
                    } else {
                        haproxy.drained.remove(server);
                    }
                    return FakeHost.ok("\n");
                });
            }
        }
        host.on("show stat", command("show stat " + BACKEND + " 4 -1"),
                        sent -> socket.getAsBoolean() ? FakeHost.ok(haproxy.stat()) : FakeHost.exit(3, ""))
                .on("show servers state", command("show servers state " + BACKEND),
                        sent -> socket.getAsBoolean() ? FakeHost.ok(haproxy.serversState()) : FakeHost.exit(3, ""));
        return haproxy;
    }

    /** The script that sends exactly {@code command} to the socket. */
    private static java.util.function.Predicate<FakeHost.Sent> command(String command) {
        return FakeHost.script("printf '%s\\\\n' '" + Pattern.quote(command) + "' \\| nc -U /run/haproxy/k3j-admin.sock\n");
    }

    /** The server's sessions, asked anew at each {@code show stat}. */
    public FakeHaproxy sessions(String server, IntSupplier count) {
        sessions.put(server, count);
        return this;
    }

    /** As if a run drained the server and never put it back. */
    public FakeHaproxy drain(String server) {
        drained.add(server);
        return this;
    }

    public Set<String> drained() {
        return Set.copyOf(drained);
    }

    private String stat() {
        StringBuilder csv = new StringBuilder("# pxname,svname,qcur,qmax,scur,smax,slim,stot,bin,bout,dreq,dresp,ereq,econ,eresp,wretr,"
                + "wredis,status,weight\n");
        for (String server : servers) {
            int count = sessions.getOrDefault(server, () -> 0).getAsInt();
            csv.append(BACKEND).append(',').append(server).append(",0,0,").append(count).append(",0,,0,0,0,,0,,0,0,0,0,")
                    .append(drained.contains(server) ? "DRAIN" : "UP").append(",1\n");
        }
        return csv.append('\n').toString();
    }

    private String serversState() {
        StringBuilder state = new StringBuilder("1\n# be_id be_name srv_id srv_name srv_addr srv_op_state srv_admin_state srv_uweight\n");
        for (int i = 0; i < servers.size(); i++) {
            state.append("3 ").append(BACKEND).append(' ').append(i + 1).append(' ').append(servers.get(i)).append(" 198.51.100.1 2 ")
                    .append(drained.contains(servers.get(i)) ? 8 : 0).append(" 1\n");
        }
        return state.append('\n').toString();
    }
}
