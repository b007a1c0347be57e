package io.k3j.apply;

import io.k3j.plan.PackageRecord;
import io.k3j.plan.Paths;
import io.k3j.ssh.Content;
import io.k3j.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/** The host's record of the packages k3j-install installed ({@link PackageRecord}): added to by apply, read by reset. */
final class InstalledPackages {

    private InstalledPackages() {
    }

    static Set<String> read(RemoteHost host) {
        return PackageRecord.parse(text(host));
    }

    /** {@code names}, just installed, joined to the record. */
    static void add(RemoteHost host, List<String> names) {
        host.upload(Paths.INSTALLED_PACKAGES, Content.of(PackageRecord.with(text(host), names)), "0600", "root:root");
    }

    private static String text(RemoteHost host) {
        return host.readFile(Paths.INSTALLED_PACKAGES).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).orElse("");
    }
}
