import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Holds the lab's lock (the POSIX lock of lab/src/main/java/io/k3j/lab/MachineLock.java) for a lab
 * brought up by hand, so test runs wait for it instead of tearing it down; `lab/lab down` ends it.
 * Run as a single source file: java lab/lock-holder.java LOCKFILE [WAITER]
 * Without WAITER it takes the lock or says "held by another process". With WAITER (the pid of
 * `lab/lab up --wait`) it blocks until the lock is free, as test runs do (a released lock wakes its
 * blocked waiters at once; a poller would lose it to them), and gives
 * up if WAITER ends first, so no lock is taken for nobody.
 */
public class LockHolder {
    public static void main(String[] args) throws Exception {
        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock;
        if (args.length > 1) {
            AtomicBoolean locked = new AtomicBoolean();
            ProcessHandle.of(Long.parseLong(args[1])).ifPresentOrElse(waiter -> waiter.onExit().thenRun(() -> {
                if (!locked.get()) {
                    System.exit(1);
                }
            }), () -> System.exit(1));
            lock = channel.lock();
            locked.set(true);
        } else {
            lock = channel.tryLock();
        }
        if (lock == null) {
            System.out.println("held by another process");
            System.exit(1);
        }
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
