package io.k3j.lab;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A running lab topology, driven through {@code lab/lab}: its hosts, the operator key and
 * known_hosts file it made, the download mirror, and faults one host at a time. Closing it
 * tears everything down.
 */
public final class Lab implements AutoCloseable {
    /** Bringing a topology up includes building the base image on a fresh machine. */
    private static final Duration UP_TIMEOUT = Duration.ofMinutes(20);
    private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(2);
    public static final String SUDO_PASSWORD = "lab-sudo-password";
    public static final String MIRROR_URL = "http://10.213.0.1:8080";

    private final Path script;
    private final Path state;
    private final String topology;
    private final List<LabHost> hosts;
    private final MachineLock lock;
    private boolean down;

    private Lab(Path script, Path state, String topology, List<LabHost> hosts, MachineLock lock) {
        this.script = script;
        this.state = state;
        this.topology = topology;
        this.hosts = hosts;
        this.lock = lock;
    }

    /**
     * Takes the machine's lab (waiting while another test run holds it), clears a lab a crashed
     * run may have left, brings {@code topology} (a file in lab/topologies/) up and waits until
     * every host is ready. {@link #close()} tears it down and lets the lab go.
     */
    public static Lab up(String topology) {
        return upHolding(MachineLock.acquire(), topology);
    }

    /**
     * Tears this lab down and brings {@code topology} up in its place, holding the machine's lab
     * all along: no other run (a benchmark blocked on the lock) takes it in between, as it would
     * between a {@link #close()} and an {@link #up}.
     */
    Lab replacedBy(String topology) {
        if (down) {
            throw new LabException("the lab of topology " + this.topology + " is down: it cannot be replaced");
        }
        down = true;
        return upHolding(lock, topology);   // its downAny tears this one down
    }

    private static Lab upHolding(MachineLock lock, String topology) {
        try {
            Path script = script();
            downAny();
            run(script, UP_TIMEOUT, "up", topology).orThrow("lab/lab up " + topology);
            Path state = stateDirectory(script);
            return new Lab(script, state, topology, readHosts(state.resolve("hosts.tsv")), lock);
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** Tears down whatever lab is up, also one left by a crashed run. Call it holding the {@link MachineLock}. */
    public static void downAny() {
        run(script(), COMMAND_TIMEOUT, "down").orThrow("lab/lab down");
    }

    /** The file that {@link MachineLock} locks: beside the lab's state directory, which comes and goes with the lab. */
    static Path lockFile() {
        Path state = stateDirectory(script());
        return state.resolveSibling(state.getFileName() + ".lock");
    }

    private static Path stateDirectory(Path script) {
        return Path.of(run(script, COMMAND_TIMEOUT, "state-dir").orThrow("lab/lab state-dir").stdout().strip());
    }

    public String topology() {
        return topology;
    }

    public List<LabHost> hosts() {
        return hosts;
    }

    public LabHost host(String name) {
        return hosts.stream().filter(host -> host.name().equals(name)).findFirst()
                .orElseThrow(() -> new LabException("no host " + name + " in topology " + topology));
    }

    public List<LabHost> hostsWithRole(String role) {
        return hosts.stream().filter(host -> host.role().equals(role)).toList();
    }

    public Path operatorKey() {
        return state.resolve("id_ed25519");
    }

    public Path knownHosts() {
        return state.resolve("known_hosts");
    }

    /** Lab names for a JVM: pass as {@code -Djdk.net.hosts.file=}. */
    public Path hostsFile() {
        return state.resolve("jvm-hosts");
    }

    public Path stateDirectory() {
        return state;
    }

    /** A host's root filesystem as this machine sees it (its overlay's merged view): files made inside it are readable here. */
    public Path rootOf(String host) {
        return state.resolve("hosts").resolve(host(host).name()).resolve("root");
    }

    /** Copies {@code source}, a file on this machine, to {@code target} (absolute) inside {@code host}, with {@code mode} (e.g. "600"). */
    public void copyInto(String host, Path source, String target, String mode) {
        Path inside = rootOf(host).resolve(target.replaceFirst("^/+", ""));
        try {
            Files.createDirectories(inside.getParent());
            Files.copy(source, inside, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new LabException("cannot copy " + source + " to " + host + ":" + target, e);
        }
        exec(host, "chmod", mode, target).orThrow("chmod " + target + " on " + host);
    }

    /** Copies {@code directory}'s content into the mirror served at {@link #MIRROR_URL}. */
    public void publish(Path directory) {
        lab("publish", directory.toAbsolutePath().toString());
    }

    /** Runs a command inside a host directly (nsenter), as root, without SSH. */
    public CommandResult exec(String host, String... command) {
        List<String> arguments = new ArrayList<>(List.of("exec", host));
        arguments.addAll(Arrays.asList(command));
        return run(script, COMMAND_TIMEOUT, arguments.toArray(String[]::new));
    }

    /**
     * Debian's kubectl on this machine, as an operator runs it ({@code lab/lab kubectl}): the lab's
     * names resolved as the hosts resolve them, so a kubeconfig pointed at the registration name works.
     */
    public CommandResult kubectl(String... arguments) {
        List<String> all = new ArrayList<>(List.of("kubectl"));
        all.addAll(Arrays.asList(arguments));
        return run(script, COMMAND_TIMEOUT, all.toArray(String[]::new));
    }

    /** Runs {@code command} on a host through the system's ssh client as root, host key checked. */
    public CommandResult ssh(String host, String command) {
        return run(script, COMMAND_TIMEOUT, "ssh", host, command);
    }

    /**
     * Every host back to how {@link #up} made it (a fresh disk, booted anew, a new network
     * namespace) and the mirror emptied, keeping the bridges, host keys and known_hosts: what the
     * next test class on this topology starts from, in about half the time of down and up
     * (docs/testing.md has figures).
     */
    public void reset() {
        if (down) {
            throw new LabException("the lab of topology " + topology + " is down: it cannot be reset");
        }
        run(script, UP_TIMEOUT, "reset").orThrow("lab/lab reset");
    }

    /** False once {@link #close()} has torn it down. */
    public boolean isUp() {
        return !down;
    }

    public void stop(String host) {
        lab("stop", host);
    }

    public void start(String host) {
        lab("start", host);
    }

    public void kill(String host) {
        lab("kill", host);
    }

    public void pause(String host) {
        lab("pause", host);
    }

    public void resume(String host) {
        lab("resume", host);
    }

    /** Cuts the host's network link (its veth on the lab bridge goes down). */
    public void cut(String host) {
        lab("cut", host);
    }

    public void restore(String host) {
        lab("restore", host);
    }

    @Override
    public void close() {
        if (!down) {
            down = true;
            try {
                run(script, COMMAND_TIMEOUT, "down").orThrow("lab/lab down");
            } finally {
                lock.close();
            }
        }
    }

    private void lab(String... arguments) {
        run(script, COMMAND_TIMEOUT, arguments).orThrow("lab/lab " + String.join(" ", arguments));
    }

    private static List<LabHost> readHosts(Path table) {
        try {
            List<LabHost> hosts = new ArrayList<>();
            for (String line : Files.readAllLines(table)) {
                String[] fields = line.split("\t");
                Set<String> flags = fields[3].equals("-") ? Set.of() : new HashSet<>(Arrays.asList(fields[3].split(",")));
                hosts.add(new LabHost(fields[0], fields[1], fields[2], Set.copyOf(flags)));
            }
            return List.copyOf(hosts);
        } catch (IOException e) {
            throw new LabException("cannot read the lab's host table " + table, e);
        }
    }

    /** {@code lab/lab} of this checkout: from k3j.repo.root (set by the build), else found upwards from here. */
    static Path script() {
        String root = System.getProperty("k3j.repo.root");
        Path start = root != null ? Path.of(root) : Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("lab/lab");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new LabException("cannot find lab/lab above " + start);
    }

    static CommandResult run(Path script, Duration timeout, String... arguments) {
        List<String> command = new ArrayList<>();
        command.add(script.toString());
        command.addAll(Arrays.asList(arguments));
        Process process;
        try {
            process = RunningCommands.start(new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))));
        } catch (IOException e) {
            throw new LabException("cannot run " + script, e);
        }
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                RunningCommands.end(process);
                throw new LabException("lab/lab " + String.join(" ", arguments) + " did not finish within " + timeout
                        + "; it was ended with every process it had started");
            }
            return new CommandResult(process.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            RunningCommands.end(process);
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while running lab/lab " + String.join(" ", arguments), e);
        } finally {
            RunningCommands.finished(process);
        }
    }

    private static String read(InputStream stream) {
        try {
            return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read: " + e.getMessage() + ")";
        }
    }
}
