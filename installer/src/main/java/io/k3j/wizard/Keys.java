package io.k3j.wizard;

import java.util.List;
import java.util.Set;

/**
 * Every answer the wizard can take, by the key it has in the answers file ({@code --answers},
 * nested or dotted) and in {@code --set KEY=VALUE}. Documented in docs/wizard.md.
 */
public final class Keys {
    public static final String NAME = "name";
    public static final String K3S_VERSION = "k3s.version";
    public static final String K3S_INSTALL = "k3s.install";
    public static final String K3S_MIRROR = "k3s.mirror";
    public static final String K3S_AIRGAP_BINARY = "k3s.airgap.binary";
    public static final String K3S_AIRGAP_IMAGES = "k3s.airgap.images";
    public static final String K3S_TOKEN = "k3s.token";
    public static final String SSH_USER = "ssh.user";
    public static final String SSH_PORT = "ssh.port";
    public static final String SSH_KEY = "ssh.keyPath";
    public static final String SSH_KNOWN_HOSTS = "ssh.knownHosts";
    public static final String SSH_SUDO_PASSWORD = "ssh.sudoPassword";
    public static final String DATASTORE_TYPE = "datastore.type";
    public static final String DATASTORE_MODE = "datastore.mode";
    public static final String DATASTORE_ENDPOINT = "datastore.endpoint";
    public static final String DATASTORE_PASSWORD = "datastore.password";
    public static final String DATASTORE_USE_TLS = "datastore.useTls";
    public static final String DATASTORE_CA = "datastore.tls.caFile";
    public static final String DATASTORE_CERT = "datastore.tls.certFile";
    public static final String DATASTORE_KEY = "datastore.tls.keyFile";
    public static final String DATASTORE_HOST = "datastore.host";
    public static final String DATASTORE_HOSTS = "datastore.hosts";
    public static final String DATASTORE_DATABASE = "datastore.database";
    public static final String DATASTORE_USER = "datastore.user";
    public static final String SERVERS = "servers.hosts";
    public static final String DEDICATED = "servers.dedicatedControlPlane";
    public static final String TAINT = "servers.controlPlaneTaint";
    public static final String REGISTRATION_MODE = "registration.mode";
    public static final String HAPROXY_HOSTS = "registration.haproxy.hosts";
    public static final String VIP = "registration.haproxy.vip";
    public static final String VIP_INTERFACE = "registration.haproxy.interface";
    public static final String REGISTRATION_ADDRESS = "registration.address";
    public static final String REGISTRATION_PORT = "registration.port";
    public static final String WORKERS = "workers.hosts";

    /** The answer to the review screen: write, or the step to edit. Not part of the inventory. */
    public static final String REVIEW = "review";

    public static final List<String> ALL = List.of(NAME, K3S_VERSION, K3S_INSTALL, K3S_MIRROR, K3S_AIRGAP_BINARY,
            K3S_AIRGAP_IMAGES, K3S_TOKEN, SSH_USER, SSH_PORT, SSH_KEY, SSH_KNOWN_HOSTS, SSH_SUDO_PASSWORD, DATASTORE_TYPE,
            DATASTORE_MODE, DATASTORE_ENDPOINT, DATASTORE_PASSWORD, DATASTORE_USE_TLS, DATASTORE_CA, DATASTORE_CERT,
            DATASTORE_KEY, DATASTORE_HOST, DATASTORE_HOSTS, DATASTORE_DATABASE, DATASTORE_USER, SERVERS, DEDICATED, TAINT,
            REGISTRATION_MODE, HAPROXY_HOSTS, VIP, VIP_INTERFACE, REGISTRATION_ADDRESS, REGISTRATION_PORT, WORKERS);

    /** Answers that may hold a secret: never kept in clear in the draft. */
    public static final Set<String> SECRETS = Set.of(K3S_TOKEN, SSH_SUDO_PASSWORD, DATASTORE_PASSWORD);

    private Keys() {
    }
}
