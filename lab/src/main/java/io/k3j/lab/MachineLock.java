package io.k3j.lab;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.FileLockInterruptionException;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The machine has one lab (one bridge, one subnet), so one test run at a time may hold it: a
 * second run (another checkout's build, a helper's tests) waits here instead of tearing down a
 * lab that is in use. The lock is the operating system's, so it ends with the process that held
 * it, also after a crash.
 *
 * <p>A waiting run is blocked in the kernel on the lock, as {@code lab/lock-holder.java} is, not
 * polling it: a released lock wakes its blocked waiters at once, where a poller that looked once a
 * second lost it to them every time (with several runs waiting, one waited half an hour).
 */
public final class MachineLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMinutes(60);

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lab of this machine, waiting (at most an hour) while another process holds it. */
    public static MachineLock acquire() {
        return acquire(Lab.lockFile(), WAIT);
    }

    /** Takes the lock on {@code file}, blocked on it for at most {@code wait} while another process holds it. */
    static MachineLock acquire(Path file, Duration wait) {
        FileChannel channel = open(file);
        try {
            FileLock lock = tryLock(channel, file);
            if (lock == null) {
                System.err.println("lab: another test run, or a lab brought up by hand (lab/lab down ends it), holds the lab ("
                        + file + "); waiting for it to finish");
                lock = lockWithin(channel, file, wait);
            }
            return new MachineLock(channel, lock);
        } catch (RuntimeException e) {
            closeQuietly(channel);
            throw e;
        }
    }

    private static FileChannel open(Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw new LabException("cannot open the lab lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            throw heldByThisRun(file, e);
        } catch (IOException e) {
            throw new LabException("cannot lock " + file, e);
        }
    }

    /**
     * Blocks on the lock; a timer closes the channel at the deadline, which wakes the blocked
     * thread with {@link AsynchronousCloseException}. An interrupt of the waiting thread (a test
     * timeout, the JVM stopping) ends the wait too.
     */
    private static FileLock lockWithin(FileChannel channel, Path file, Duration wait) {
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "lab lock deadline");
            thread.setDaemon(true);
            return thread;
        });
        try {
            ScheduledFuture<?> deadline = timer.schedule(() -> closeQuietly(channel), wait.toMillis(), TimeUnit.MILLISECONDS);
            FileLock lock = channel.lock();
            if (!deadline.cancel(false)) {
                // The deadline came as the lock was granted: once it has closed the channel, the lock is gone with it.
                awaitQuietly(deadline);
                throw heldTooLong(file, wait);
            }
            return lock;
        } catch (FileLockInterruptionException e) {
            throw new LabException("interrupted while waiting for the lab lock " + file, e);
        } catch (AsynchronousCloseException e) {
            throw heldTooLong(file, wait);
        } catch (OverlappingFileLockException e) {
            throw heldByThisRun(file, e);
        } catch (IOException e) {
            throw new LabException("cannot lock " + file, e);
        } finally {
            timer.shutdownNow();
        }
    }

    private static LabException heldTooLong(Path file, Duration wait) {
        String over = wait.toMinutes() > 0 ? wait.toMinutes() + " min" : wait.toMillis() + " ms";
        return new LabException("another process has held the lab (" + file + ") for over " + over
                + "; find it with 'fuser " + file + "'");
    }

    private static LabException heldByThisRun(Path file, OverlappingFileLockException e) {
        return new LabException("this test run already holds the lab (" + file + "), kept up for the next test class; "
                + "a test that takes the lab itself calls LabExtension.releaseKeptLab() first", e);
    }

    private static void awaitQuietly(ScheduledFuture<?> deadline) {
        try {
            deadline.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            throw new IllegalStateException("closing the lab lock's channel failed", e);   // closeQuietly throws nothing
        }
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // the lock goes with the channel's descriptor either way
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new LabException("cannot release the lab lock", e);
        }
    }
}
