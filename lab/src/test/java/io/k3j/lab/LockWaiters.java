package io.k3j.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/** Who the kernel has blocked waiting for a POSIX lock on a file: the "->" lines of /proc/locks. */
final class LockWaiters {
    private static final Path LOCKS = Path.of("/proc/locks");
    private static final Duration WAIT = Duration.ofSeconds(60);

    private LockWaiters() {
    }

    /** Returns once process {@code pid} is blocked on a lock of {@code file}; fails after a minute. */
    static void awaitBlocked(long pid, Path file) {
        Instant deadline = Instant.now().plus(WAIT);
        while (!isBlocked(pid, file)) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("pid " + pid + " was not blocked on the lock of " + file + " within " + WAIT + ":\n" + read());
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());   // the kernel tells no one when a waiter blocks: look again
        }
    }

    /** A blocked waiter's line: {@code 1: -> POSIX  ADVISORY  WRITE <pid> <major>:<minor>:<inode> 0 EOF}. */
    static boolean isBlocked(long pid, Path file) {
        long inode = inode(file);
        return read().lines().map(line -> line.trim().split("\\s+"))
                .anyMatch(fields -> fields.length > 6 && fields[1].equals("->") && fields[2].equals("POSIX")
                        && fields[5].equals(Long.toString(pid)) && fields[6].endsWith(":" + inode));
    }

    private static long inode(Path file) {
        try {
            return ((Number) Files.getAttribute(file, "unix:ino")).longValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read() {
        try {
            return Files.readString(LOCKS);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
