package io.k3j.inventory;

import java.util.Optional;

/** {@code spec.ssh}: how every host is reached unless the host says otherwise. */
public record SshSettings(
        String user,
        int port,
        Optional<String> keyPath,
        Optional<SecretValue> keyPassphrase,
        String knownHosts,
        Optional<Boolean> sudo,
        Optional<SecretValue> sudoPassword,
        Optional<Bastion> bastion) {

    public static final String DEFAULT_USER = "root";
    public static final int DEFAULT_PORT = 22;
    public static final String DEFAULT_KNOWN_HOSTS = "~/.ssh/known_hosts";

    /** One host's SSH settings with the defaults applied. */
    public record Effective(String address, int port, String user, Optional<String> keyPath, boolean sudo,
                            Optional<Bastion> bastion) {
    }
}
