package io.k3j.ssh;

import java.nio.file.Path;
import java.util.Optional;

/**
 * How to reach one host: address, port, login user and key, whether commands need sudo (and its
 * password), and a jump host. {@code name} is what messages and the run log call the host.
 */
public record SshTarget(
        String name,
        String address,
        int port,
        String user,
        Optional<Path> keyPath,
        Optional<char[]> keyPassphrase,
        boolean sudo,
        Optional<char[]> sudoPassword,
        Optional<SshTarget> bastion) {

    public String hostPort() {
        return address + ":" + port;
    }

    /** Commands run as root: directly when logging in as root, else through sudo. */
    public boolean needsSudo() {
        return sudo && !user.equals("root");
    }
}
