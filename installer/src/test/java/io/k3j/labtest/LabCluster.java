package io.k3j.labtest;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.apply.ClusterNodes;
import io.k3j.apply.Node;
import io.k3j.lab.Lab;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.function.Function;

/** What the end-to-end tests ask of a cluster on the lab, and the K3s double's release they install. */
public final class LabCluster {
    public static final String K3S_VERSION = "v1.31.4+k3s1";
    /** The double's release, laid out as K3s publishes one: built by lab/k3s-double. */
    public static final Path RELEASE = Path.of(System.getProperty("k3j.repo.root"), "lab/k3s-double/target/release");
    public static final Path K3S_BINARY = RELEASE.resolve(K3S_VERSION).resolve("k3s");
    /** How long a server of the K3s double takes to start after {@link #startServersQuickly}; its K3s-like default is 15 s. */
    static final int QUICK_STARTUP_SECONDS = 1;

    private LabCluster() {
    }

    /**
     * The K3s double on {@code servers} starts in {@value #QUICK_STARTUP_SECONDS} s instead of its
     * K3s-like 15 (its {@code K3S_DOUBLE_STARTUP_DELAY}, in the {@code /etc/default/k3s} the k3s unit
     * reads; nothing of the installer's writes or reads it), still answering 503 while it starts. For
     * the classes that test what a cluster is built on, not the wait through a starting server: each
     * install there would spend about 30 s in it (the first server, then the others). ApplyOnLabIT
     * and the classes that do not call this keep the full delay (docs/k3s-double.md says which).
     * It holds from each server's next start.
     */
    public static void startServersQuickly(Lab lab, List<String> servers) {
        for (String server : servers) {
            lab.exec(server, "sh", "-c", "printf 'K3S_DOUBLE_STARTUP_DELAY=%s\\n' \"$0\" > /etc/default/k3s",
                    String.valueOf(QUICK_STARTUP_SECONDS)).orThrow("shorten the K3s double's start-up on " + server);
        }
    }

    /**
     * The K3s double on {@code servers} starts with its K3s-like delay again from each server's next
     * start ({@link #startServersQuickly} undone): for a test in a quick class whose restarts are
     * what it tests, such as UpgradeOnLabIT's rolling upgrade under a watcher.
     */
    public static void startServersAsK3sDoes(Lab lab, List<String> servers) {
        for (String server : servers) {
            lab.exec(server, "sh", "-c", "[ ! -e /etc/default/k3s ] || sed -i '/^K3S_DOUBLE_STARTUP_DELAY=/d' /etc/default/k3s")
                    .orThrow("give the K3s double its full start-up on " + server);
        }
    }

    /** {@code k3s kubectl get nodes} on a server of the lab: the node table as K3s prints it. */
    public static String nodesSeenFrom(Lab lab, String server) {
        return lab.exec(server, "k3s", "kubectl", "get", "nodes").orThrow("k3s kubectl get nodes on " + server).stdout();
    }

    /** The nodes as a server of the lab reports them ({@code k3s kubectl get nodes -o json}). */
    public static List<Node> nodes(Lab lab, String server) {
        return ClusterNodes.parse(lab.exec(server, "k3s", "kubectl", "get", "nodes", "-o", "json")
                .orThrow("k3s kubectl get nodes -o json on " + server).stdout());
    }

    /** Every server Ready as {@code control-plane,master} (external datastore), every worker Ready without a role. */
    public static void assertReadyNodes(String nodeTable, List<String> servers, List<String> workers) {
        servers.forEach(node -> assertThat(nodeTable).containsPattern("(?m)^" + node + " +Ready +control-plane,master "));
        workers.forEach(node -> assertThat(nodeTable).containsPattern("(?m)^" + node + " +Ready +<none> "));
        assertThat(nodeTable.lines().skip(1).count()).as("nodes in\n" + nodeTable).isEqualTo(servers.size() + workers.size());
    }

    /**
     * Debian's kubectl from this machine with the kubeconfig apply wrote: through the registration
     * address, the lab's names resolved as the lab's hosts resolve them ({@link Lab#kubectl}).
     */
    public static String kubectlFromThisMachine(Lab lab, Path kubeconfig, String... arguments) {
        List<String> command = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        command.addAll(List.of(arguments));
        return lab.kubectl(command.toArray(String[]::new)).orThrow("kubectl " + String.join(" ", arguments) + " from this machine").stdout();
    }

    /** Nothing of k3j-install's or K3s' on these hosts: no state, no config, no binary, no K3s unit running. */
    public static void assertNothingOfOursOn(Lab lab, List<String> hosts) {
        for (String host : hosts) {
            String ours = lab.exec(host, "sh", "-c", "ls -d /etc/k3j /var/lib/k3j /etc/rancher /var/lib/rancher /usr/local/bin/k3s "
                    + "2>/dev/null; systemctl is-active k3s k3s-agent | grep -x active").stdout();
            assertThat(ours).as("what apply left on " + host).isEmpty();
        }
    }

    /**
     * Each K3s unit's systemd invocation id, a line per host (servers, then workers): it changes
     * exactly when the unit is (re)started. Asked of every host at once.
     */
    public static String invocations(Lab lab, List<String> servers, List<String> workers) {
        List<String> hosts = new ArrayList<>(servers);
        hosts.addAll(workers);
        return String.join("", fromEachAtOnce(hosts, host -> invocation(lab, host, servers.contains(host) ? "k3s" : "k3s-agent")));
    }

    private static String invocation(Lab lab, String host, String unit) {
        return host + " " + lab.exec(host, "systemctl", "show", "-p", "InvocationID", "--value", unit).stdout().strip() + "\n";
    }

    /**
     * Runs {@code step} (blocking lab calls and assertions) on every host at once, each in a thread of
     * its own, and waits for all; the first host's failure is rethrown as it was.
     */
    public static void onEachAtOnce(List<String> hosts, Consumer<String> step) throws InterruptedException {
        askEachAtOnce(hosts, host -> {
            step.accept(host);
            return host;
        });
    }

    /**
     * What {@code ask} (blocking lab calls) answers for each host, in the hosts' order, asked of all
     * at once: a lab call costs about half a second on a loaded machine, most of it starting
     * {@code lab/lab}, so asking seven hosts one after the other cost seconds per look. A failure
     * is rethrown as it was; an interrupt fails the test.
     */
    public static <T> List<T> fromEachAtOnce(List<String> hosts, Function<String, T> ask) {
        try {
            return askEachAtOnce(hosts, ask);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while asking " + hosts, e);
        }
    }

    private static <T> List<T> askEachAtOnce(List<String> hosts, Function<String, T> ask) throws InterruptedException {
        ExecutorService threads = Executors.newFixedThreadPool(Math.max(1, hosts.size()));
        try {
            List<Future<T>> runs = hosts.stream().map(host -> threads.submit(() -> ask.apply(host))).toList();
            List<T> answers = new ArrayList<>();
            for (Future<T> run : runs) {
                try {
                    answers.add(run.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    throw (Error) e.getCause();
                }
            }
            return answers;
        } finally {
            threads.shutdownNow();
        }
    }
}
