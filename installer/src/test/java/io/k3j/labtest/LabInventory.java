package io.k3j.labtest;

import io.k3j.lab.Lab;
import io.k3j.lab.LabHost;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * An inventory for a running lab topology with a datastore host, a load-balancer host, servers
 * and workers: PostgreSQL and HAProxy set up by k3j-install, K3s from the lab's mirror, the lab's
 * operator key and known_hosts. Secrets come from K3S_TOKEN and K3S_DB_PASSWORD.
 */
public final class LabInventory {

    private LabInventory() {
    }

    public static Path write(Lab lab, Path directory) {
        String servers = hostList(lab, "server");
        String yaml = """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: lab}
                spec:
                  ssh: {user: root, keyPath: "%s", knownHosts: "%s"}
                  k3s: {version: v1.31.4+k3s1, mirror: "%s", token: "${env:K3S_TOKEN}"}
                  datastore:
                    type: postgres
                    provision: {host: {address: %s}, password: "${env:K3S_DB_PASSWORD}"}
                  servers:
                    hosts: [%s]
                """.formatted(lab.operatorKey(), lab.knownHosts(), Lab.MIRROR_URL, only(lab, "datastore").address(), servers)
                + haproxyAndWorkers(lab);
        try {
            Path file = directory.resolve("inventory.yaml");
            Files.writeString(file, yaml);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * An inventory's first lines for the lab: the cluster's name, SSH as {@code sshUser} with the
     * lab's operator key and known_hosts, K3s from the lab's mirror. A test's own steps follow.
     */
    public static String head(Lab lab, String cluster, String sshUser) {
        return """
                apiVersion: k3j/v1
                kind: Cluster
                metadata: {name: %s}
                spec:
                  ssh: {user: %s, keyPath: "%s", knownHosts: "%s"}
                  k3s: {version: %s, mirror: "%s"}
                """.formatted(cluster, sshUser, lab.operatorKey(), lab.knownHosts(), LabCluster.K3S_VERSION, Lab.MIRROR_URL);
    }

    /**
     * An inventory's last lines for the lab: the registration address an HAProxy that k3j-install
     * sets up on the load-balancer host, and the workers.
     */
    public static String haproxyAndWorkers(Lab lab) {
        String loadBalancer = only(lab, "loadbalancer").address();
        return """
                  registration:
                    address: %s
                    mode: haproxy
                    haproxy: {hosts: [{address: %s}]}
                  workers:
                    hosts: [%s]
                """.formatted(loadBalancer, loadBalancer, hostList(lab, "worker"));
    }

    private static LabHost only(Lab lab, String role) {
        return lab.hostsWithRole(role).get(0);
    }

    /** The lab's hosts of one role as an inventory host list's content: {@code {address: A, name: N}, ...}. */
    public static String hostList(Lab lab, String role) {
        return lab.hostsWithRole(role).stream()
                .map(host -> "{address: " + host.address() + ", name: " + host.name() + "}")
                .collect(Collectors.joining(", "));
    }

    /**
     * The steps of a cluster on a datastore k3j-install sets up on db1 with {@code provision.tls}:
     * every server and worker of the lab, {@code k8s-rr.lab} (round-robin DNS) as registration address.
     */
    public static String provisionedWithTls(Lab lab, String type) {
        return provisionedWithTls(lab, type, "");
    }

    /** As {@link #provisionedWithTls(Lab, String)}, with {@code provisionExtra} (", password: ...") in provision. */
    public static String provisionedWithTls(Lab lab, String type, String provisionExtra) {
        return """
                  datastore:
                    type: %s
                    provision: {host: {address: %s, name: db1}, tls: true%s}
                  servers:
                    hosts: [%s]
                  registration:
                    address: k8s-rr.lab
                    mode: dns
                  workers:
                    hosts: [%s]
                """.formatted(type, lab.host("db1").address(), provisionExtra, hostList(lab, "server"), hostList(lab, "worker"));
    }
}
