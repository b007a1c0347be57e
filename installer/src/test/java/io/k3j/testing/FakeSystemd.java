package io.k3j.testing;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

/**
 * Teaches a fake host the systemd commands apply's ServiceStarter sends for some units: whether
 * they are active, their restart (after which they are), and the wait until they are ready (or
 * listen, or accept connections: the host's only units that listen). In the journal as "is UNITS active", "restart
 * UNITS" and "wait for UNITS".
 */
public final class FakeSystemd {

    private FakeSystemd() {
    }

    /** Whether the units run, as the host answers it from now on. */
    public static AtomicBoolean teach(FakeHost host, String units, boolean running) {
        AtomicBoolean active = new AtomicBoolean(running);
        String quoted = Pattern.quote(units);
        host.on("is " + units + " active", FakeHost.script("\\Asystemctl is-active -q " + quoted + "\\z"),
                        sent -> active.get() ? FakeHost.ok() : FakeHost.exit(3, ""))
                .on("restart " + units, FakeHost.script("systemctl restart --no-block " + quoted + "\\z"), sent -> {
                    active.set(true);
                    return FakeHost.ok();
                })
                .on("wait for " + units, FakeHost.script("until systemctl is-active -q " + quoted + ";|until ss -Htln |until pg_isready "),
                        sent -> active.get() ? FakeHost.ok() : FakeHost.exit(124, ""));
        return active;
    }
}
