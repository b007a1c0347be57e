package io.k3j.plan;

/**
 * The four steps of a K3s HA install (K3s docs, datastore/ha.md), in the order they run, then two of
 * k3j-install's own: the nodes' labels and taints, which K3s takes from its config only when a node
 * registers (taints) or never removes (labels), so apply keeps them through the API; and the hosts
 * taken out of the inventory, removed once every host the inventory names has joined.
 */
public enum Step {
    DATASTORE("1. Datastore", "the external datastore every server shares"),
    SERVERS("2. Servers", "two or more K3s servers on that datastore, with one token"),
    REGISTRATION("3. Fixed registration address", "a stable address in front of the servers"),
    WORKERS("4. Workers", "K3s agents that register through the fixed address"),
    NODES("5. Node labels and taints", "the ones k3j-install manages, set through the API; others' left alone"),
    MANAGED("6. Managed hosts", "nodes taken out of the inventory removed, then the record of the nodes k3j-install manages");

    private final String title;
    private final String purpose;

    Step(String title, String purpose) {
        this.title = title;
        this.purpose = purpose;
    }

    public String title() {
        return title;
    }

    public String purpose() {
        return purpose;
    }
}
