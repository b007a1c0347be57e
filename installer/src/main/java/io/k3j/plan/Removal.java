package io.k3j.plan;

/** A node the servers' record names and the inventory no longer does; {@code reachable}: connected for its clean-up. */
public record Removal(ManagedHosts.Entry host, boolean reachable) {
}
