package io.k3j.inventory;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host of the inventory: its address, how to reach it when that differs from {@code spec.ssh},
 * and for K3s nodes its node name, IP, labels and taints.
 */
public record Host(
        String address,
        Optional<String> name,
        Optional<String> user,
        Optional<Integer> port,
        Optional<String> keyPath,
        Optional<Boolean> sudo,
        Optional<Bastion> bastion,
        Map<String, String> labels,
        List<String> taints,
        Optional<String> nodeIp,
        Position position) {

    /** How to reach this host over SSH: its own settings over the inventory's defaults. */
    public SshSettings.Effective ssh(SshSettings defaults) {
        String effectiveUser = user.orElse(defaults.user());
        return new SshSettings.Effective(
                address,
                port.orElse(defaults.port()),
                effectiveUser,
                keyPath.or(defaults::keyPath),
                sudo.or(defaults::sudo).orElse(!effectiveUser.equals("root")),
                bastion.or(defaults::bastion));
    }
}
