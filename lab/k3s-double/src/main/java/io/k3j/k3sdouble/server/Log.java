package io.k3j.k3sdouble.server;

import java.io.PrintStream;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Logs to stderr in logrus' text format, as K3s does: {@code time="..." level=info msg="..."}. */
public final class Log {
    private final PrintStream err;

    public Log(PrintStream err) {
        this.err = err;
    }

    public void info(String message) {
        line("info", message);
    }

    public void warn(String message) {
        line("warning", message);
    }

    public void error(String message) {
        line("error", message);
    }

    public void fatal(String message) {
        line("fatal", message);
    }

    /** A line as is: what K3s' libraries log in their own format (the etcd client's zap JSON). */
    public synchronized void raw(String line) {
        err.println(line);
        err.flush();
    }

    private synchronized void line(String level, String message) {
        err.println("time=\"" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "\" level=" + level + " msg=\""
                + message.replace("\"", "\\\"") + "\"");
        err.flush();
    }
}
