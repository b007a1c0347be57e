package io.k3j.plan;

import io.k3j.inventory.Host;

/**
 * The single etcd member k3j-install provisions: its name and peer URL, as its config file gives
 * them and as a snapshot restore must give them again.
 */
public final class EtcdMember {
    /** Peers on loopback: the member is alone, and no other host needs its peer port. */
    public static final String PEER_URL = "http://127.0.0.1:2380";

    private EtcdMember() {
    }

    /** The member's name: the host's name in the inventory, else {@code k3j-etcd}. */
    public static String name(Host host) {
        return host.name().orElse("k3j-etcd");
    }
}
