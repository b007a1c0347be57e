package io.k3j.lab;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The {@code lab/lab} commands this JVM has running. When the JVM stops (Ctrl-C, Maven ending a
 * test fork), each is ended with every process it started, by their pids: a {@code lab/lab up}
 * left behind would go on booting hosts for a run that is gone, no longer under its lab lock,
 * while the next run that takes the lock tears the lab down.
 */
final class RunningCommands {
    /** How long an ended process has to go after SIGTERM before it gets SIGKILL. */
    private static final Duration GRACE = Duration.ofSeconds(10);
    private static final Set<Process> RUNNING = ConcurrentHashMap.newKeySet();
    private static boolean stopping;

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(RunningCommands::endAll, "lab: end running lab/lab commands"));
    }

    private RunningCommands() {
    }

    /**
     * Starts a command and counts it as running, in one step under the class's monitor: a JVM that
     * stops meanwhile ends it too, however soon after its start the stop comes.
     */
    static synchronized Process start(ProcessBuilder builder) throws IOException {
        if (stopping) {
            throw new LabException("the JVM is stopping: " + String.join(" ", builder.command()) + " is not started");
        }
        Process process = builder.start();
        RUNNING.add(process);
        return process;
    }

    static void finished(Process process) {
        RUNNING.remove(process);
    }

    private static void endAll() {
        List<Process> running;
        synchronized (RunningCommands.class) {
            stopping = true;
            running = List.copyOf(RUNNING);
        }
        running.forEach(RunningCommands::end);
    }

    /**
     * Ends {@code process} and its descendants: SIGTERM to each, SIGKILL to those still there
     * after {@link #GRACE}. The descendants are listed first, as once their parent is gone they are
     * no longer its descendants; a handle kills only the process it was taken of, never a later one
     * that got the same pid.
     */
    static void end(Process process) {
        List<ProcessHandle> tree = new ArrayList<>();
        tree.add(process.toHandle());
        tree.addAll(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);   // the parent first, so that it starts no more
        Instant deadline = Instant.now().plus(GRACE);
        for (ProcessHandle each : tree) {
            if (!endsBy(each, deadline)) {
                each.destroyForcibly();
            }
        }
    }

    private static boolean endsBy(ProcessHandle process, Instant deadline) {
        try {
            long left = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
            process.onExit().get(left, TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException | ExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
