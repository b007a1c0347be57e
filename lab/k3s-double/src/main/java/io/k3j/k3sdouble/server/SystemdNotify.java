package io.k3j.k3sdouble.server;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * READY=1 to systemd for a Type=notify unit. Java cannot send on a datagram unix socket, so
 * {@code systemd-notify} sends it on behalf of this process ({@code --pid}): systemd accepts
 * notifications from the unit's main PID only (NotifyAccess=main), and root may send with that PID.
 */
public final class SystemdNotify {

    private SystemdNotify() {
    }

    public static void ready(Map<String, String> environment) {
        if (environment.get("NOTIFY_SOCKET") == null) {
            return;
        }
        try {
            Process process = new ProcessBuilder("systemd-notify", "--pid=" + ProcessHandle.current().pid(), "--ready")
                    .inheritIO().start();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("systemd-notify failed");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run systemd-notify: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
