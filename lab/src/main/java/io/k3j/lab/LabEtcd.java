package io.k3j.lab;

import java.util.ArrayList;
import java.util.List;

/**
 * The lab's real etcd (Debian's etcd-server, installed but disabled in the base image) started
 * on one host for a test: over plain http, or over TLS with client-certificate authentication
 * ({@code --client-cert-auth}) from a {@link LabCertificates} CA. {@link #etcdctl} runs etcdctl
 * on that host against it, with a client certificate when TLS is on.
 */
public final class LabEtcd {
    /** Where the etcd host keeps its TLS files (readable by the etcd user). */
    private static final String TLS_DIRECTORY = "/etc/etcd/tls";

    private final Lab lab;
    private final String host;
    private final String endpoint;
    private final boolean tls;

    private LabEtcd(Lab lab, String host, String endpoint, boolean tls) {
        this.lab = lab;
        this.host = host;
        this.endpoint = endpoint;
        this.tls = tls;
    }

    /** etcd on {@code host} at {@code http://<address>:2379}; returns once systemd reports it started. */
    public static LabEtcd plain(Lab lab, String host) {
        String endpoint = "http://" + lab.host(host).address() + ":2379";
        start(lab, host, "ETCD_LISTEN_CLIENT_URLS=http://0.0.0.0:2379\nETCD_ADVERTISE_CLIENT_URLS=" + endpoint + "\n");
        return new LabEtcd(lab, host, endpoint, false);
    }

    /**
     * etcd on {@code host} at {@code https://<address>:2379}, serving a certificate of {@code pki}
     * for that host and accepting only clients with a certificate of the same CA.
     */
    public static LabEtcd withClientCertificates(Lab lab, String host, LabCertificates pki) {
        pki.installServing(host, TLS_DIRECTORY, "etcd");
        LabCertificates.CertificateFiles etcdctl = pki.client("etcdctl", LabCertificates.KeyForm.PKCS8_EC);
        lab.copyInto(host, etcdctl.certificate(), TLS_DIRECTORY + "/etcdctl.crt", "644");
        lab.copyInto(host, etcdctl.key(), TLS_DIRECTORY + "/etcdctl.key", "600");
        String endpoint = "https://" + lab.host(host).address() + ":2379";
        start(lab, host, "ETCD_LISTEN_CLIENT_URLS=https://0.0.0.0:2379\nETCD_ADVERTISE_CLIENT_URLS=" + endpoint + "\n"
                + "ETCD_CERT_FILE=" + TLS_DIRECTORY + "/server.crt\nETCD_KEY_FILE=" + TLS_DIRECTORY + "/server.key\n"
                + "ETCD_TRUSTED_CA_FILE=" + TLS_DIRECTORY + "/ca.crt\nETCD_CLIENT_CERT_AUTH=true\n");
        return new LabEtcd(lab, host, endpoint, true);
    }

    private static void start(Lab lab, String host, String environment) {
        lab.exec(host, "sh", "-c", "printf '%s' \"$0\" > /etc/default/etcd && systemctl start etcd", environment)
                .orThrow("etcd on " + host);
    }

    /** The endpoint for {@code datastore-endpoint}. */
    public String endpoint() {
        return endpoint;
    }

    public String host() {
        return host;
    }

    /** etcdctl (API v3) on the etcd host against this etcd, e.g. {@code etcdctl("get", "--prefix", "--keys-only", "/bootstrap/")}. */
    public CommandResult etcdctl(String... arguments) {
        List<String> command = new ArrayList<>(List.of("etcdctl", "--endpoints=" + endpoint));
        if (tls) {
            command.addAll(List.of("--cacert=" + TLS_DIRECTORY + "/ca.crt", "--cert=" + TLS_DIRECTORY + "/etcdctl.crt",
                    "--key=" + TLS_DIRECTORY + "/etcdctl.key"));
        }
        command.addAll(List.of(arguments));
        return lab.exec(host, command.toArray(String[]::new));
    }
}
