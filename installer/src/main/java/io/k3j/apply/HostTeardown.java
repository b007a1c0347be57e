package io.k3j.apply;

import io.k3j.plan.ManagedBlock;
import io.k3j.plan.ManagedFile;
import io.k3j.plan.Operation;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * A reset's removals beyond the uninstall scripts, for real or dry: k3j-install's files and folders,
 * its block in a file it does not own, and the packages it installed. Each first reads what is there, so a reset run again changes nothing.
 */
final class HostTeardown {
    private static final String UNITS = "/etc/systemd/system/";
    private final ApplyContext context;

    HostTeardown(ApplyContext context) {
        this.context = context;
    }

    HostApplier.Result removePaths(RemoteHost host, Operation.RemovePaths remove) {
        String quoted = remove.paths().stream().map(Shell::quote).collect(Collectors.joining(" "));
        ExecResult there = RemoteShell.run(host, "for path in " + quoted + "; do\n"
                + "    if [ -e \"$path\" ] || [ -L \"$path\" ]; then echo \"$path\"; fi\ndone\n");
        List<String> found = there.stdout().lines().filter(remove.paths()::contains).toList();
        if (found.isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "none of them is there");
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "remove " + String.join(", ", found));
        }
        boolean unit = found.stream().anyMatch(path -> path.startsWith(UNITS));
        ExecResult removed = RemoteShell.run(host, "rm -rf -- " + found.stream().map(Shell::quote).collect(Collectors.joining(" "))
                + (unit ? "\nsystemctl daemon-reload\n" : "\n"));
        if (!removed.ok()) {
            throw new ClusterChecks.CheckFailed("could not remove " + String.join(", ", found) + ": "
                    + HostApplier.lastLines(removed.stderr()), "remove them by hand (rm -rf as root) and run the reset again");
        }
        return new HostApplier.Result(Change.REMOVED, "removed " + String.join(", ", found));
    }

    HostApplier.Result removePackages(RemoteHost host, String address, Operation.RemovePackages remove) {
        List<String> installed = remove.names().stream().filter(name -> context.hasPackage(address, name)).toList();
        if (installed.isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "not installed: " + String.join(", ", remove.names()));
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "purge " + String.join(", ", installed));
        }
        String names = installed.stream().map(Shell::quote).collect(Collectors.joining(" "));
        ExecResult purged = RemoteShell.run(host, "export DEBIAN_FRONTEND=noninteractive\napt-get purge -y -q " + names + "\n");
        if (!purged.ok()) {
            throw new ClusterChecks.CheckFailed("apt-get could not purge " + String.join(" ", installed) + ": "
                    + HostApplier.lastLines(purged.stderr()), "purge them by hand (apt-get purge) and run the reset again");
        }
        return new HostApplier.Result(Change.REMOVED, "purged " + String.join(", ", installed));
    }

    HostApplier.Result removeBlock(RemoteHost host, Operation.RemoveBlock remove) {
        ManagedFile file = remove.file();
        Optional<String> now = host.readFile(file.path()).map(bytes -> new String(bytes, StandardCharsets.UTF_8));
        if (now.flatMap(text -> ManagedBlock.in(text, file.content())).isEmpty()) {
            return new HostApplier.Result(Change.UNCHANGED, "no k3j-install block in " + file.path());
        }
        if (context.wet().dry()) {
            return new HostApplier.Result(Change.REMOVED, "remove the k3j-install block from " + file.path());
        }
        host.upload(file.path(), Content.of(ManagedBlock.removed(now.get(), file.content())), file.mode(), file.owner());
        return new HostApplier.Result(Change.REMOVED, "removed the k3j-install block from " + file.path());
    }
}
