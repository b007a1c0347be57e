package io.k3j.apply;

/**
 * Carries an interrupt out of one host's work, which runs as a {@link java.util.function.Function}
 * and cannot throw {@link InterruptedException}: {@link WaveRunner} turns it back into one, so an
 * interrupted wait ends the run as interrupted, never as a failure of that host.
 */
public final class HostWorkInterrupted extends RuntimeException {

    public HostWorkInterrupted(String what, InterruptedException cause) {
        super("interrupted while " + what, cause);
    }
}
