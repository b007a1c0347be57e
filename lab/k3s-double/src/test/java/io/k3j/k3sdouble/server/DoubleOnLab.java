package io.k3j.k3sdouble.server;

import io.k3j.lab.CommandResult;
import io.k3j.lab.Lab;
import io.k3j.lab.LabCertificates;
import io.k3j.k3sdouble.Version;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;

/** Puts the double on lab hosts as the install script would (binary, kubectl link, unit); its datastores are LabPostgres, LabMariaDb, LabEtcd. */
public final class DoubleOnLab {
    private static final String UNIT = """
            [Unit]
            Description=Lightweight Kubernetes
            [Service]
            Type=notify
            EnvironmentFile=-/etc/default/%%N
            KillMode=process
            TimeoutStartSec=0
            Restart=always
            RestartSec=5s
            ExecStart=/usr/local/bin/k3s %s
            """;

    /** Shorter than K3s' 40 s so the NotReady tests wait less, longer than the 10 s heartbeat. */
    public static final int NODE_GRACE_SECONDS = 15;

    private DoubleOnLab() {
    }

    /** Where {@link #giveDatastoreTls} puts a server's datastore TLS files. */
    public static final String DATASTORE_TLS = "/etc/k3j/datastore";

    /**
     * Copies the CA file to trust and, if given, a client certificate onto a server host; returns the
     * config.yaml lines that name them ({@code datastore-cafile}, {@code -certfile}, {@code -keyfile}).
     */
    public static String giveDatastoreTls(Lab lab, String host, Path ca, LabCertificates.CertificateFiles client) {
        lab.copyInto(host, ca, DATASTORE_TLS + "/ca.crt", "644");
        String config = "datastore-cafile: " + DATASTORE_TLS + "/ca.crt\n";
        if (client != null) {
            lab.copyInto(host, client.certificate(), DATASTORE_TLS + "/client.crt", "644");
            lab.copyInto(host, client.key(), DATASTORE_TLS + "/client.key", "600");
            config += "datastore-certfile: " + DATASTORE_TLS + "/client.crt\ndatastore-keyfile: " + DATASTORE_TLS + "/client.key\n";
        }
        return config;
    }

    /** Installs the double's default release on {@code host} with the unit for {@code command} (server: k3s, agent: k3s-agent). */
    public static void install(Lab lab, String host, String command) {
        String unit = command.equals("server") ? "k3s" : "k3s-agent";
        installBinary(lab, host, Version.ofThisBuild().version());
        lab.exec(host, "sh", "-c", "ln -sf k3s /usr/local/bin/kubectl && mkdir -p /etc/rancher/k3s"
                + " && printf 'K3S_DOUBLE_STARTUP_DELAY=1\\nK3S_DOUBLE_NODE_GRACE_SECONDS=" + NODE_GRACE_SECONDS + "\\n' > /etc/default/" + unit
                + " && printf '%s' \"$0\" > /etc/systemd/system/" + unit + ".service && systemctl daemon-reload",
                UNIT.formatted(command)).orThrow("install on " + host);
    }

    /**
     * Puts the binary of {@code version}'s release from the lab's mirror at /usr/local/bin/k3s, as an
     * upgrade by hand does; a running unit keeps the old one until it restarts.
     */
    public static void installBinary(Lab lab, String host, String version) {
        String url = Lab.MIRROR_URL + "/" + URLEncoder.encode(version, StandardCharsets.UTF_8) + "/k3s";
        lab.exec(host, "sh", "-c", "curl -fsS -o /usr/local/bin/k3s.new \"$0\" && chmod 755 /usr/local/bin/k3s.new"
                + " && mv -f /usr/local/bin/k3s.new /usr/local/bin/k3s", url).orThrow("k3s " + version + " on " + host);
    }

    public static void publishRelease(Lab lab) {
        lab.publish(Path.of(System.getProperty("k3j.repo.root"), "lab/k3s-double/target/release"));
    }

    /**
     * Writes config.yaml, starts the unit without waiting for it to be ready, and returns its
     * journal once it shows {@code text} (within 30 s): for servers and agents that must keep retrying.
     */
    public static String startUntilLogged(Lab lab, String host, String unit, String config, String text) throws InterruptedException {
        lab.exec(host, "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml", config).orThrow("config on " + host);
        lab.exec(host, "systemctl", "start", "--no-block", unit).orThrow("start " + unit + " on " + host);
        return awaitJournal(lab, host, unit, text, Duration.ofSeconds(30));
    }

    /**
     * The unit's journal since its current start once it shows {@code text}; after {@code deadline}
     * a failure that shows the journal so far.
     */
    static String awaitJournal(Lab lab, String host, String unit, String text, Duration deadline) throws InterruptedException {
        return awaitShown(host, unit, text, deadline, () -> currentJournal(lab, host, unit));
    }

    /** Where the unit's journal ends now: {@link #awaitLoggedAfter} reads only what comes after it. */
    public static String journalCursor(Lab lab, String host, String unit) {
        String shown = lab.exec(host, "journalctl", "-u", unit, "-n", "0", "--show-cursor", "--no-pager").orThrow("journal cursor").stdout();
        return shown.substring(shown.indexOf("-- cursor: ") + "-- cursor: ".length()).strip();
    }

    /** The unit's journal after {@code cursor} once it shows {@code text} (within 60 s); else a failure showing it. */
    public static String awaitLoggedAfter(Lab lab, String host, String unit, String cursor, String text) throws InterruptedException {
        return awaitShown(host, unit, text, Duration.ofSeconds(60), () -> journalAfter(lab, host, unit, cursor));
    }

    /** Reads {@code journal} until it shows {@code text}; after {@code deadline} a failure that shows it. */
    private static String awaitShown(String host, String unit, String text, Duration deadline, Supplier<String> journal)
            throws InterruptedException {
        long until = System.nanoTime() + deadline.toNanos();
        String shown = journal.get();
        while (!shown.contains(text)) {
            if (System.nanoTime() > until) {
                throw new AssertionError(unit + " on " + host + " did not log \"" + text + "\" within " + deadline + ":\n" + shown);
            }
            Thread.sleep(200);
            shown = journal.get();
        }
        return shown;
    }

    private static String journalAfter(Lab lab, String host, String unit, String cursor) {
        return lab.exec(host, "journalctl", "-u", unit, "--after-cursor=" + cursor, "--no-pager").stdout();
    }

    /** The unit's journal since its current start. */
    public static String currentJournal(Lab lab, String host, String unit) {
        return lab.exec(host, "sh", "-c", "journalctl --no-pager _SYSTEMD_INVOCATION_ID=$(systemctl show -p InvocationID --value \"$0\")",
                unit).stdout();
    }

    /** Writes config.yaml and starts the unit; returns how `systemctl start` ended (it waits for READY=1). */
    public static CommandResult start(Lab lab, String host, String unit, String config) {
        lab.exec(host, "sh", "-c", "printf '%s' \"$0\" > /etc/rancher/k3s/config.yaml", config).orThrow("config on " + host);
        return lab.exec(host, "timeout", "60", "systemctl", "start", unit);
    }
}
