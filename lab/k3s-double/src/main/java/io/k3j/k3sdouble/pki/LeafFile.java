package io.k3j.k3sdouble.pki;

import java.nio.file.Path;
import java.util.List;

/**
 * The leaf certificates the double keeps on disk, by K3s' file names under the data dir
 * (pkg/daemons/control/deps CreateRuntimeCertFiles, pkg/agent/config), each {@code .crt} (the
 * certificate, then its CA) with its {@code .key}, and the {@code k3s certificate} services that
 * name them (pkg/util/services). The double's 6443 listener has one serving certificate, standing
 * for both K3s' apiserver certificate ({@code api-server}) and the supervisor's dynamic listener
 * certificate ({@code k3s-server}).
 */
public enum LeafFile {
    ADMIN("server/tls/client-admin", List.of("admin")),
    SERVING("server/tls/serving-kube-apiserver", List.of("api-server", "k3s-server")),
    KUBELET("agent/client-kubelet", List.of("kubelet"));

    /** Every service {@code k3s certificate rotate --service} accepts (pkg/util/services All). */
    public static final List<String> SERVICES = List.of("admin", "api-server", "controller-manager", "scheduler", "etcd",
            "k3s-controller", "auth-proxy", "cloud-controller", "kubelet", "kube-proxy", "k3s-server");
    /** The services an agent has (pkg/util/services Agent). */
    public static final List<String> AGENT_SERVICES = List.of("kubelet", "kube-proxy", "k3s-controller");

    private final String base;
    private final List<String> services;

    LeafFile(String base, List<String> services) {
        this.base = base;
        this.services = services;
    }

    public Path certificate(Path dataDir) {
        return dataDir.resolve(base + ".crt");
    }

    public Path key(Path dataDir) {
        return dataDir.resolve(base + ".key");
    }

    public boolean belongsTo(List<String> chosen) {
        return services.stream().anyMatch(chosen::contains);
    }
}
