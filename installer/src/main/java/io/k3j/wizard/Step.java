package io.k3j.wizard;

/**
 * The screens of the wizard, in order: the cluster itself, then the four steps of the K3s HA
 * guide. Each says what it is for; the inventory's comments repeat the first sentence.
 */
public enum Step {
    CLUSTER("cluster", "The cluster",
            "k3j-install sets up a K3s cluster that survives the loss of a server, in the four steps of the K3s HA guide: "
                    + "1. an external datastore, 2. two or more servers, 3. a fixed registration address, 4. workers. "
                    + "First the cluster itself: its name, the K3s release, and how k3j-install reaches the hosts over SSH."),
    DATASTORE("datastore", "Step 1 of 4: the datastore",
            "The K3s servers keep the cluster's state in one external datastore they all share, so any server can stop "
                    + "and the others carry on with the same state. Use one you run (PostgreSQL, MySQL/MariaDB or etcd), "
                    + "or let k3j-install set one up on a host."),
    SERVERS("servers", "Step 2 of 4: the servers",
            "Two or more servers run the control plane against that datastore, all with the same token: with one, the "
                    + "control plane stops when that host does. They run workloads too, unless they are a dedicated "
                    + "control plane."),
    REGISTRATION("registration", "Step 3 of 4: the fixed registration address",
            "Agents and kubectl need one address that stays when a server goes: a load balancer, a round-robin DNS name "
                    + "or a virtual IP. It goes into every server's certificate (tls-san) and into the kubeconfig. "
                    + "k3j-install can set up HAProxy, with a keepalived virtual IP, on hosts of their own."),
    WORKERS("workers", "Step 4 of 4: the workers",
            "Workers run k3s agent: they register through the fixed address with the cluster's token, so they keep "
                    + "working when any one server stops. There may be none; add them later by running the wizard "
                    + "again with --from.");

    private final String id;
    private final String title;
    private final String explanation;

    Step(String id, String title, String explanation) {
        this.id = id;
        this.title = title;
        this.explanation = explanation;
    }

    /** The name the review screen uses to edit this step. */
    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public String explanation() {
        return explanation;
    }

    /** The first sentence of the explanation, for the inventory's comments. */
    public String why() {
        int end = explanation.indexOf(". ");
        return end < 0 ? explanation : explanation.substring(0, end + 1);
    }
}
