package io.k3j.testing;

import io.k3j.apply.HostConnector;
import io.k3j.inventory.Host;
import io.k3j.ssh.RemoteHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The fake hosts of one test, sharing one journal (what every host was sent, in the order it was
 * sent), and the connector that hands them to {@code ConnectedHosts}. Registered as an extension
 * ({@code @RegisterExtension}), it fails the test after it ran when any host got a command no
 * answer matched, even if the code under test caught the error.
 */
public final class FakeHosts implements HostConnector, AfterEachCallback {
    private final Map<String, FakeHost> hosts = new ConcurrentHashMap<>();
    private final List<String> journal = new CopyOnWriteArrayList<>();

    /** The fake host at {@code address}, made on first use. */
    public FakeHost host(String address) {
        return hosts.computeIfAbsent(address, name -> new FakeHost(name, journal));
    }

    /** The host an inventory host connects to: only hosts the test made, any other is refused as unreachable. */
    @Override
    public RemoteHost connect(Host host) {
        FakeHost fake = hosts.get(host.address());
        if (fake == null) {
            throw new AssertionError("the test made no fake host " + host.address());
        }
        return fake;
    }

    /** What the hosts were sent, in order: "host: answer" for each command, "host: write path" for each file written. */
    public List<String> journal() {
        return List.copyOf(journal);
    }

    /** Starts a new journal (the hosts keep their files and answers): for what a second run sends. */
    public void clearJournal() {
        journal.clear();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> unknown = new ArrayList<>();
        hosts.values().forEach(host -> host.unknown().forEach(sent -> unknown.add(host.name() + ": " + sent.command()
                + (sent.stdin().isEmpty() ? "" : "\n" + sent.stdin()))));
        if (!unknown.isEmpty()) {
            throw new AssertionError("commands no answer of the test matches:\n" + String.join("\n---\n", unknown));
        }
    }
}
