package io.k3j.inventory;

import java.util.List;
import java.util.Optional;

/** {@code spec.registration}: the fixed registration address in front of the servers. */
public record Registration(String address, int port, Mode mode, Optional<Haproxy> haproxy) {

    public static final int DEFAULT_PORT = 6443;

    public enum Mode { existing, haproxy, dns }

    /** HAProxy set up by k3j-install on {@code hosts}, with keepalived holding {@code vip} when given. */
    public record Haproxy(List<Host> hosts, Optional<String> vip, String vipInterface) {
        public static final String DEFAULT_INTERFACE = "eth0";
    }

    public String url() {
        String host = address.contains(":") ? "[" + address + "]" : address;
        return "https://" + host + ":" + port;
    }
}
