package io.k3j.plan;

/** Where k3j-install keeps things on a host: one place, so plan, apply and docs agree. */
public final class Paths {
    public static final String K3S_BINARY = "/usr/local/bin/k3s";
    public static final String K3S_CONFIG = "/etc/rancher/k3s/config.yaml";
    /** The node's labels and taints, a config.yaml drop-in (K3s loads config.yaml.d/*.yaml after config.yaml). */
    public static final String K3S_NODE_CONFIG = "/etc/rancher/k3s/config.yaml.d/50-k3j-node.yaml";
    public static final String K3S_DATA = "/var/lib/rancher/k3s";
    public static final String SERVER_TOKEN = K3S_DATA + "/server/token";
    /** With agent-token set, a file of its own: K10<ca-hash>::node:<agent password>; without, a link to the token. */
    public static final String AGENT_TOKEN = K3S_DATA + "/server/agent-token";
    /** The record of the nodes k3j-install manages (ManagedHosts), on every server; uninstalled with /etc/rancher/k3s. */
    public static final String MANAGED_HOSTS = "/etc/rancher/k3s/k3j-managed-hosts";
    public static final String KUBECONFIG = "/etc/rancher/k3s/k3s.yaml";
    public static final String AIRGAP_IMAGES = K3S_DATA + "/agent/images";
    public static final String DATASTORE_TLS = "/etc/rancher/k3s/datastore";
    /** The datastore's TLS files on a server (datastore-cafile, -certfile, -keyfile): K3s' own, and what a backup of an existing datastore uses. */
    public static final String DATASTORE_CA = DATASTORE_TLS + "/ca.pem";
    public static final String DATASTORE_CERT = DATASTORE_TLS + "/client.pem";
    public static final String DATASTORE_KEY = DATASTORE_TLS + "/client-key.pem";
    public static final String SERVER_UNIT = "/etc/systemd/system/k3s.service";
    public static final String AGENT_UNIT = "/etc/systemd/system/k3s-agent.service";
    /** What K3s' install.sh leaves beside the binary (create_killall, create_uninstall), written by k3j-install too. */
    public static final String KILLALL_SCRIPT = "/usr/local/bin/k3s-killall.sh";
    public static final String SERVER_UNINSTALL_SCRIPT = "/usr/local/bin/k3s-uninstall.sh";
    public static final String AGENT_UNINSTALL_SCRIPT = "/usr/local/bin/k3s-agent-uninstall.sh";
    public static final String SETUP_SCRIPTS = "/etc/k3j";
    /** A datastore password k3j-install generated, kept on the datastore host for the next apply. */
    public static final String DATASTORE_PASSWORD = SETUP_SCRIPTS + "/datastore-password";
    /** k3j-install's own state on a host: the stamps, the staging folder of uploads. */
    public static final String STATE = "/var/lib/k3j";
    /** What k3j-install last started services and ran set-up scripts with (see Operation.RunOnChange). */
    public static final String STAMPS = STATE + "/stamps";
    /** The packages k3j-install installed on the host (PackageRecord): what a reset may purge, and only those. */
    public static final String INSTALLED_PACKAGES = STATE + "/packages";
    public static final String HAPROXY_CONFIG = "/etc/haproxy/haproxy.cfg";
    public static final String KEEPALIVED_CONFIG = "/etc/keepalived/keepalived.conf";
    public static final String ETCD_CONFIG = "/etc/etcd/k3j-etcd.conf.yml";
    /** A provisioned etcd's data folder (k3j-etcd.conf.yml's data-dir). */
    public static final String ETCD_DATA = "/var/lib/etcd/k3j";
    /** The data folder a restore builds, swapped in for ETCD_DATA once whole. */
    public static final String ETCD_RESTORING = ETCD_DATA + ".restoring";
    /** The data a restore replaced, kept until the next restore (or a reset --datastore). */
    public static final String ETCD_BEFORE_RESTORE = ETCD_DATA + ".before-restore";
    public static final String ETCD_UNIT = "/etc/systemd/system/k3j-etcd.service";
    /** A provisioned datastore's CA, serving certificate and key (with provision.tls). */
    public static final String ETCD_TLS = "/etc/etcd/k3j-tls";
    public static final String MARIADB_CONFIG = "/etc/mysql/mariadb.conf.d/60-k3j.cnf";
    public static final String MARIADB_TLS = "/etc/mysql/k3j-tls";
    public static final String POSTGRES_TLS = "/etc/postgresql/k3j-tls";

    private Paths() {
    }

    /** Debian keeps each PostgreSQL major version's configuration in its own folder. */
    public static String postgresConfigDirectory(String major) {
        return "/etc/postgresql/" + major + "/main";
    }
}
