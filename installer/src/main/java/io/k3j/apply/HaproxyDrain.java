package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.plan.Operation;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Takes a K3s server out of the HAProxy k3j-install runs before its K3s restarts, and puts it back
 * once it serves ({@link Operation.InHaproxy}), through each registration host's runtime API
 * ({@link HaproxyRuntime}). In state {@code drain} HAProxy sends the server no new connection and
 * leaves the ones it has (HAProxy's management guide, "set server"); apply waits, at most
 * {@link Operation.InHaproxy#SESSIONS_LIMIT}, until {@code show stat} counts none there
 * ({@code scur}), then restarts, so a request in flight is not cut by K3s stopping. A host without
 * the socket (a haproxy.cfg of an earlier version: the registration step writes the new one after
 * the servers' step) or without the server is named and passed: the drain spares clients, the
 * restart does not depend on it. Back in state {@code ready}, HAProxy's health checks decide again.
 */
final class HaproxyDrain {
    private final ApplyContext context;
    private final ApplyListener listener;

    HaproxyDrain(ApplyContext context, ApplyListener listener) {
        this.context = context;
        this.listener = listener;
    }

    /** Sessions still open on a host when the limit passed. */
    private static final class SessionsLeft extends RuntimeException {
        private final Map<String, Integer> open;

        SessionsLeft(Map<String, Integer> open) {
            super(null, null, false, false);
            this.open = open;
        }
    }

    /**
     * Runs {@code restart} (the restart and the wait until ready) with the server of {@code host}
     * out of HAProxy when {@code ready} says it is in one, and says so after what {@code restart}
     * said. What was drained goes back to ready whatever fails after it: a server that does not
     * serve stays out by HAProxy's health checks, and a drained one would stay out once it serves.
     */
    String outOfRotationWhile(Host host, Operation.Readiness ready, Supplier<String> restart) {
        if (!(ready instanceof Operation.ServerServing serving) || serving.haproxy().isEmpty()) {
            return restart.get();
        }
        Operation.InHaproxy haproxy = serving.haproxy().get();
        List<String> drained = new ArrayList<>();
        String said;
        String restarted;
        try {
            said = takeOut(host.address(), haproxy, drained);
            restarted = restart.get();
        } catch (RuntimeException failed) {
            try {
                putBack(haproxy, drained);
            } catch (RuntimeException alsoFailed) {
                failed.addSuppressed(alsoFailed);
            }
            throw failed;
        }
        putBack(haproxy, drained);
        return restarted + "; " + said;
    }

    /** Drains the server on each host that takes it, adding each to {@code drained} as it goes, and says what came of it. */
    private String takeOut(String address, Operation.InHaproxy haproxy, List<String> drained) {
        listener.waiting(address, "taking " + haproxy.server() + " out of HAProxy on " + String.join(", ", haproxy.hosts()));
        List<String> passed = new ArrayList<>();
        for (String balancer : haproxy.hosts()) {
            Optional<String> notDone = setState(connected(balancer), haproxy.backend(), haproxy.server(), HaproxyRuntime.State.DRAIN);
            if (notDone.isEmpty()) {
                drained.add(balancer);
            } else {
                passed.add(balancer + " (" + notDone.get() + ")");
            }
        }
        List<String> said = new ArrayList<>();
        if (!drained.isEmpty()) {
            said.add("out of HAProxy on " + String.join(", ", drained) + " while it restarted (" + awaitNoSessions(address, haproxy, drained)
                    + "), back once it served");
        }
        if (!passed.isEmpty()) {
            said.add("not taken out of HAProxy on " + String.join(", ", passed));
        }
        return String.join("; ", said);
    }

    private void putBack(Operation.InHaproxy haproxy, List<String> drained) {
        List<String> failed = new ArrayList<>();
        for (String balancer : drained) {
            setState(connected(balancer), haproxy.backend(), haproxy.server(), HaproxyRuntime.State.READY)
                    .ifPresent(why -> failed.add(balancer + " (" + why + ")"));
        }
        if (!failed.isEmpty()) {
            String command = HaproxyRuntime.setState(haproxy.backend(), haproxy.server(), HaproxyRuntime.State.READY);
            throw new ClusterChecks.CheckFailed(haproxy.server() + " could not be put back in rotation (set ready) in HAProxy on "
                    + String.join(", ", failed) + ": it is still drained there",
                    "apply again (its registration step puts drained servers back), or on that host: printf '" + command
                            + "\\n' | nc -U " + HaproxyRuntime.SOCKET);
        }
    }

    /** Empty when HAProxy on {@code balancer} took the state; else why not. */
    private static Optional<String> setState(RemoteHost balancer, String backend, String server, HaproxyRuntime.State state) {
        ExecResult sent = send(balancer, HaproxyRuntime.setState(backend, server, state));
        if (sent.exitStatus() == HaproxyRuntime.NO_SOCKET) {
            return Optional.of("no runtime socket " + HaproxyRuntime.SOCKET + " yet: its haproxy.cfg is written anew in the registration step");
        }
        if (!sent.ok()) {
            return Optional.of("its runtime API did not answer: " + HostApplier.lastLines(sent.stderr()));
        }
        return HaproxyRuntime.refusal(sent.stdout()).map(refused -> "HAProxy answered '" + refused + "'");
    }

    /** "no sessions left", or the sessions still open when the limit passed (K3s closes them as it stops). */
    private String awaitNoSessions(String address, Operation.InHaproxy haproxy, List<String> balancers) {
        long limit = Operation.InHaproxy.SESSIONS_LIMIT.toSeconds();
        listener.waiting(address, "waiting up to " + limit + " s for its sessions through HAProxy to end");
        try {
            context.poll().until(() -> openSessions(haproxy, balancers), Map::isEmpty, Operation.InHaproxy.SESSIONS_LIMIT, SessionsLeft::new);
            return "no sessions left";
        } catch (SessionsLeft left) {
            List<String> open = new ArrayList<>();
            left.open.forEach((balancer, count) -> open.add(count + " on " + balancer));
            return "sessions still open after " + limit + " s (" + String.join(", ", open) + "), cut as k3s stopped";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("waiting for the sessions of " + haproxy.server() + " through HAProxy to end", e);
        }
    }

    /** The hosts where {@code show stat} counts sessions of the server; a host whose answer cannot be read counts none. */
    private Map<String, Integer> openSessions(Operation.InHaproxy haproxy, List<String> balancers) {
        Map<String, Integer> open = new LinkedHashMap<>();
        for (String balancer : balancers) {
            ExecResult stat = send(connected(balancer), HaproxyRuntime.showStat(haproxy.backend()));
            HaproxyRuntime.stat(stat.ok() ? stat.stdout() : "", haproxy.backend(), haproxy.server())
                    .filter(server -> server.sessions() > 0).ifPresent(server -> open.put(balancer, server.sessions()));
        }
        return open;
    }

    /**
     * The registration step's return to rotation ({@link Operation.ServersInRotation}): every server
     * drained in this host's HAProxy is set ready; in a dry run, named.
     */
    HostApplier.Result backInRotation(RemoteHost balancer, Operation.ServersInRotation rotation) {
        ExecResult state = send(balancer, HaproxyRuntime.showServersState(rotation.backend()));
        if (state.exitStatus() == HaproxyRuntime.NO_SOCKET) {
            return new HostApplier.Result(Change.UNCHANGED, "no runtime socket yet: HAProxy starts from haproxy.cfg, no server drained");
        }
        if (!state.ok()) {
            throw new ClusterChecks.CheckFailed("HAProxy's runtime API did not answer '" + HaproxyRuntime.showServersState(rotation.backend())
                    + "': " + HostApplier.lastLines(state.stderr()), "read 'systemctl status haproxy' on the host");
        }
        List<String> drained = rotation.servers().stream()
                .filter(server -> HaproxyRuntime.drained(state.stdout(), rotation.backend(), server).orElse(false)).toList();
        if (drained.isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "no server drained");
        }
        String named = String.join(", ", drained);
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, "put back in rotation (drained): " + named);
        }
        for (String server : drained) {
            Optional<String> refused = setState(balancer, rotation.backend(), server, HaproxyRuntime.State.READY);
            if (refused.isPresent()) {
                throw new ClusterChecks.CheckFailed(server + " could not be put back in rotation (set ready): " + refused.get(),
                        "read 'systemctl status haproxy' on the host; 'systemctl reload haproxy' starts it from haproxy.cfg, every server ready");
            }
        }
        return new HostApplier.Result(Change.CHANGED, "put back in rotation (set ready): " + named);
    }

    private RemoteHost connected(String balancer) {
        return context.host(balancer).orElseThrow(() -> new IllegalStateException("no connection to " + balancer));
    }

    private static ExecResult send(RemoteHost balancer, String command) {
        return RemoteShell.run(balancer, HaproxyRuntime.script(command));
    }
}
