package io.k3j.lab;

import java.util.Set;

/** A host of a running lab topology. {@code inner}: reachable only through the bastion. */
public record LabHost(String name, String role, String address, Set<String> flags) {

    public boolean inner() {
        return flags.contains("inner");
    }

    /** Its key is deliberately left out of the lab's known_hosts file. */
    public boolean unknownKey() {
        return flags.contains("unknown-key");
    }
}
