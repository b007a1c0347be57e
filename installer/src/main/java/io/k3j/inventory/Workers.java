package io.k3j.inventory;

import java.util.List;

/** {@code spec.workers}: K3s agents; there may be none. */
public record Workers(List<Host> hosts) {
}
