package io.k3j.preflight;

/** What a host does in the cluster, as far as preflight checks care. */
public enum HostRole {
    DATASTORE, SERVER, LOAD_BALANCER, WORKER
}
