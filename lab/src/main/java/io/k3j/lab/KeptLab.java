package io.k3j.lab;

/**
 * The one lab of a test run, kept up from one test class to the next while they name the same
 * topology: each class after the first gets it {@link Lab#reset() reset} (every host as fresh as
 * from up), which is cheaper than down and up. A class on another topology gets its lab brought
 * up anew. The run holds the machine's lab lock for as long as a lab is kept; the last one is torn
 * down when the run ends ({@link LabExtension} registers that) or by {@link #release()}.
 */
final class KeptLab {
    private static Lab lab;

    private KeptLab() {
    }

    /** A lab of {@code topology} as fresh as from up: the kept one reset, or a new one. */
    static synchronized Lab take(String topology) {
        if (lab != null && lab.isUp() && lab.topology().equals(topology)) {
            try {
                lab.reset();
                return lab;
            } catch (RuntimeException e) {
                release();
                throw e;
            }
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
