package io.k3j.plan;

import io.k3j.inventory.Host;

/**
 * What the planner needs to know about a host beyond the inventory. Online these come from the
 * host's facts; offline ({@link #OFFLINE}) they are the inventory's address and stated assumptions.
 */
public interface HostKnowledge {

    /** K3s' name of the host's architecture (amd64, arm64, arm, s390x). */
    String arch(Host host);

    /** The IP address other hosts reach this host at. */
    String ip(Host host);

    /** The PostgreSQL major version whose configuration folder to use. */
    String postgresMajor(Host host);

    /** The name K3s registers the host's node under: the inventory's, else the host's hostname in lower case. */
    String nodeName(Host host);

    HostKnowledge OFFLINE = new HostKnowledge() {
        @Override
        public String nodeName(Host host) {
            return host.name().orElse("<hostname>");
        }

        @Override
        public String arch(Host host) {
            return "amd64";
        }

        @Override
        public String ip(Host host) {
            return host.address();
        }

        @Override
        public String postgresMajor(Host host) {
            return "<major>";
        }
    };
}
