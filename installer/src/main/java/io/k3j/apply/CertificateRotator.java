package io.k3j.apply;

import io.k3j.inventory.Host;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renews a host's K3s certificates now ({@link Operation.RenewCertificates}): a server is stopped,
 * rotated and started in one script, which starts the unit again whatever the rotation said, so a
 * failed rotation never leaves K3s down; an agent is restarted. Then waits as the rollout does:
 * a server's own API has its node Ready and the registration address answers {@code /readyz}
 * again (when it did before), an agent's node is Ready. Sent once: a dropped connection fails it.
 */
final class CertificateRotator {
    private static final Pattern BACKED_UP = Pattern.compile("Successfully backed up certificates to (\\S+?),");

    private final ApplyContext context;
    private final ServiceStarter services;

    CertificateRotator(ApplyContext context, ServiceStarter services) {
        this.context = context;
        this.services = services;
    }

    HostApplier.Result renew(RemoteHost host, Host inventoryHost, Operation.RenewCertificates renew) {
        String unit = renew.unit();
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.CHANGED, renew.rotate()
                    ? "stop " + unit + ", rotate its certificates (" + command(renew) + "), start it: new certificates and keys"
                    : "restart " + unit + ": it gets new certificates from the servers at its start");
        }
        boolean registrationServed = services.registrationServes(host, renew.ready());
        StringBuilder said = new StringBuilder();
        String ready = services.outOfRotationWhile(inventoryHost, renew.ready(), () -> {
            ExecResult renewed = RemoteShell.runOnce(host, script(renew));
            if (!renewed.ok()) {
                throw new ClusterChecks.CheckFailed((renew.rotate() ? command(renew) : "systemctl restart " + unit) + " failed: "
                        + HostApplier.lastLines(renewed.stdout() + "\n" + renewed.stderr()) + " (" + unit + " was started again)",
                        "read 'journalctl -u " + unit + "' on the host; the certificates kept before the rotation are in the backup it names");
            }
            said.append(renewed.stdout()).append('\n').append(renewed.stderr());
            return services.awaitReady(host, inventoryHost, List.of(unit), renew.ready(), registrationServed);
        });
        Optional<String> backup = backup(said.toString());
        return new HostApplier.Result(Change.CHANGED, (renew.rotate() ? "rotated the certificates" + backup.map(dir -> " (the old ones in "
                + dir + ")").orElse("") : "restarted " + unit + " for new certificates") + "; " + ready);
    }

    /** Stop, rotate, start: the start runs even when the rotation fails, and the rotation's status is the script's. */
    private static String script(Operation.RenewCertificates renew) {
        // The unit is the planner's constant (k3s, k3s-agent), written as ServiceStarter writes it.
        String unit = renew.unit();
        if (!renew.rotate()) {
            return "systemctl restart --no-block " + unit;
        }
        return "systemctl stop " + unit + " || exit\n"
                + command(renew) + " 2>&1\n"
                + "status=$?\n"
                + "systemctl start --no-block " + unit + " || exit\n"
                + "exit $status\n";
    }

    private static String command(Operation.RenewCertificates renew) {
        return Shell.quote(Paths.K3S_BINARY) + " certificate rotate"
                + (renew.services().isEmpty() ? "" : " --service " + Shell.quote(String.join(",", renew.services())));
    }

    private static Optional<String> backup(String output) {
        Matcher matcher = BACKED_UP.matcher(output);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }
}
