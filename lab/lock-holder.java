import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Holds the lab's lock (the POSIX lock of lab/src/main/java/io/k3j/lab/MachineLock.java) for a lab
 * brought up by hand, so test runs wait for it instead of tearing it down; `lab/lab down` ends it.
 * Run as a single source file: java lab/lock-holder.java LOCKFILE
 */
public class LockHolder {
    public static void main(String[] args) throws Exception {
        FileChannel channel = FileChannel.open(Path.of(args[0]), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock == null) {
            System.out.println("held by another process");
            System.exit(1);
        }
        System.out.println("locked");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
