package io.k3j.lab;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;

/**
 * The machine has one lab (one bridge, one subnet), so one test run at a time may hold it: a
 * second run (another checkout's build, a helper's tests) waits here instead of tearing down a
 * lab that is in use. The lock is the operating system's, so it ends with the process that held
 * it, also after a crash.
 */
public final class MachineLock implements AutoCloseable {
    private static final Duration WAIT = Duration.ofMinutes(60);
    private static final Duration POLL = Duration.ofSeconds(1);

    private final FileChannel channel;
    private final FileLock lock;

    private MachineLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the lab of this machine, waiting (at most an hour) while another process holds it. */
    public static MachineLock acquire() {
        Path file = Lab.lockFile();
        try {
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            Instant deadline = Instant.now().plus(WAIT);
            boolean told = false;
            while (true) {
                FileLock lock = tryLock(channel, file);
                if (lock != null) {
                    return new MachineLock(channel, lock);
                }
                if (Instant.now().isAfter(deadline)) {
                    channel.close();
                    throw new LabException("another process has held the lab (" + file + ") for over " + WAIT.toMinutes()
                            + " min; find it with 'fuser " + file + "'");
                }
                if (!told) {
                    System.err.println("lab: another test run, or a lab brought up by hand (lab/lab down ends it), holds the lab ("
                            + file + "); waiting for it to finish");
                    told = true;
                }
                Thread.sleep(POLL.toMillis());
            }
        } catch (IOException e) {
            throw new LabException("cannot lock " + file, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LabException("interrupted while waiting for the lab lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel, Path file) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new LabException("this test run already holds the lab (" + file + "), kept up for the next test class; "
                    + "a test that takes the lab itself calls LabExtension.releaseKeptLab() first", e);
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
