package io.k3j.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** How hosts are trusted and reached: shared by every command that connects. */
public class SshOptions {

    @Option(names = "--known-hosts", paramLabel = "FILE",
            description = "known_hosts file to verify host keys against (default: spec.ssh.knownHosts, else ~/.ssh/known_hosts).")
    Path knownHosts;

    @Option(names = "--accept-new-host-keys",
            description = "Trust hosts seen for the first time and add their keys to the known_hosts file. "
                    + "A changed key is always refused.")
    boolean acceptNewHostKeys;

    @Option(names = "--parallel", paramLabel = "N", defaultValue = "10",
            description = "How many hosts of one step work at the same time (default: ${DEFAULT-VALUE}).")
    int parallel;

    public Path knownHosts() {
        return knownHosts;
    }

    public boolean acceptNewHostKeys() {
        return acceptNewHostKeys;
    }

    public int parallel() {
        return parallel;
    }
}
