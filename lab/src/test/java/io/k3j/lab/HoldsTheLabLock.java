package io.k3j.lab;

import java.io.IOException;
import java.io.OutputStream;

/**
 * A second process for {@link MachineLockTest}: takes the lab lock as a test run does
 * ({@link MachineLock#acquire()}, so {@link Lab#lockFile()} of the {@code K3J_LAB_STATE} it is
 * given), says "locked", and lets it go when its standard input ends.
 */
final class HoldsTheLabLock {
    private HoldsTheLabLock() {
    }

    public static void main(String[] args) throws IOException {
        try (MachineLock lock = MachineLock.acquire()) {
            System.out.println("locked");
            System.out.flush();
            System.in.transferTo(OutputStream.nullOutputStream());
        }
    }
}
