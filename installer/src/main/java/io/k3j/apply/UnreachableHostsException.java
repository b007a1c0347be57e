package io.k3j.apply;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Hosts that could not be connected to, logged in to, made root on (sudo) or read; nothing was changed on any host. */
public final class UnreachableHostsException extends RuntimeException {
    private final Map<String, String> problemByAddress;

    /** {@code problemByAddress}: each host's address, and what went wrong there. */
    public UnreachableHostsException(Map<String, String> problemByAddress) {
        super(problemByAddress.size() + " host" + (problemByAddress.size() == 1 ? "" : "s") + " could not be reached or used: "
                + String.join("; ", problemByAddress.values()));
        this.problemByAddress = new LinkedHashMap<>(problemByAddress);
    }

    public List<String> problems() {
        return List.copyOf(problemByAddress.values());
    }

    public Set<String> addresses() {
        return Set.copyOf(problemByAddress.keySet());
    }
}
