package io.k3j.lab;

/**
 * The one lab of a test run, kept up from one test class to the next while they name the same
 * topology: each class after the first gets it {@link Lab#reset() reset} (every host as fresh as
 * from up), which is cheaper than down and up. A class on another topology gets its lab brought
 * up anew in its place without letting the lab lock go. The run holds the machine's lab lock for
 * as long as a lab is kept, across topologies; the last one is torn down when the run ends
 * ({@link LabExtension} registers that) or by {@link #release()}.
 */
final class KeptLab {
    private static Lab lab;

    private KeptLab() {
    }

    /** A lab of {@code topology} as fresh as from up: the kept one reset, or a new one. */
    static synchronized Lab take(String topology) {
        if (lab != null && lab.isUp()) {
            Lab kept = lab;
            lab = null;   // on a failure below, the lab is down and the lock let go
            if (kept.topology().equals(topology)) {
                try {
                    kept.reset();
                } catch (RuntimeException e) {
                    kept.close();
                    throw e;
                }
                lab = kept;
            } else {
                lab = kept.replacedBy(topology);
            }
            return lab;
        }
        release();
        lab = Lab.up(topology);
        return lab;
    }

    /** Tears the kept lab down, if any, and lets the machine's lab go. */
    static synchronized void release() {
        Lab kept = lab;
        lab = null;
        if (kept != null) {
            kept.close();
        }
    }
}
