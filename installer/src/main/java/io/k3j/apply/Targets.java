package io.k3j.apply;

import io.k3j.inventory.Bastion;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryPaths;
import io.k3j.inventory.SecretResolver;
import io.k3j.inventory.SshSettings;
import io.k3j.ssh.SshTarget;
import java.nio.file.Path;
import java.util.Optional;

/** Turns an inventory host into how to reach it: its SSH settings over the inventory's, secrets resolved. */
public final class Targets {
    private final Inventory inventory;
    private final SecretResolver secrets;

    public Targets(Inventory inventory, SecretResolver secrets) {
        this.inventory = inventory;
        this.secrets = secrets;
    }

    public SshTarget of(Host host) {
        SshSettings defaults = inventory.ssh();
        SshSettings.Effective ssh = host.ssh(defaults);
        Optional<char[]> passphrase = defaults.keyPassphrase().map(value -> secrets.resolve(value).toCharArray());
        Optional<char[]> sudoPassword = defaults.sudoPassword().map(value -> secrets.resolve(value).toCharArray());
        return new SshTarget(host.address(), host.address(), ssh.port(), ssh.user(), ssh.keyPath().map(this::path), passphrase,
                ssh.sudo(), sudoPassword, ssh.bastion().map(bastion -> bastion(bastion, defaults, passphrase)));
    }

    private SshTarget bastion(Bastion bastion, SshSettings defaults, Optional<char[]> passphrase) {
        return new SshTarget("bastion " + bastion.address(), bastion.address(), bastion.port().orElse(SshSettings.DEFAULT_PORT),
                bastion.user().orElse(defaults.user()), bastion.keyPath().or(defaults::keyPath).map(this::path), passphrase,
                false, Optional.empty(), Optional.empty());
    }

    /** {@code ~/} is the operator's home; a relative path is relative to the inventory's folder. */
    public Path path(String text) {
        return InventoryPaths.resolve(text, inventory.directory());
    }
}
