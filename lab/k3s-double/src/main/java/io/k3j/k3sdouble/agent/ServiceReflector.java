package io.k3j.k3sdouble.agent;

import io.k3j.k3sdouble.Version;
import io.k3j.k3sdouble.server.Log;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * The kubelet's Service informer (pkg/kubelet/kubelet.go NewMainKubelet): it lists the Services
 * across namespaces until a list succeeds; from 1.31 only those with a cluster IP, with the field
 * selector {@code spec.clusterIP!=None} (kubernetes PR #123905), which an older apiserver refuses
 * (api.Services). A refusal is logged as client-go's reflector logs a failed list, a klog line in
 * K3s' journal: {@code W1201 22:45:00.123456    1234 reflector.go:561]
 * k8s.io/client-go@v1.31.4-k3s1/informers/factory.go:160: failed to list *v1.Service: …} (the
 * line as k0sproject/k0s#6071 shows it from a 1.31 kubelet; K3s' module path as in k3s-io/k3s#12819).
 * Until then a real kubelet starts no pod that needs the Services' environment variables.
 */
final class ServiceReflector {
    private static final DateTimeFormatter KLOG_TIME = DateTimeFormatter.ofPattern("MMdd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

    private final Version kubelet;
    private final Log log;
    private boolean listed;

    ServiceReflector(Version kubelet, Log log) {
        this.kubelet = kubelet;
        this.log = log;
    }

    /** Lists the Services once more unless a list succeeded already; a refusal is logged. */
    void listUnlessListed(KubeletNodeClient client) throws InterruptedException {
        if (listed) {
            return;
        }
        try {
            Optional<String> refusal = client.listServices(query(kubelet));
            refusal.ifPresent(message -> log.raw(refusalLine(kubelet, Instant.now(), ProcessHandle.current().pid(), message)));
            listed = refusal.isEmpty();
        } catch (IOException e) {
            // no server answered: the heartbeat says so; the list is tried again with it
        }
    }

    /** The informer's list query: client-go's first list (resourceVersion 0, limit 500), the selector from 1.31. */
    static String query(Version kubelet) {
        return (kubelet.minor() >= 31 ? "fieldSelector=spec.clusterIP%21%3DNone&" : "") + "limit=500&resourceVersion=0";
    }

    static String refusalLine(Version kubelet, Instant at, long pid, String message) {
        return "W" + KLOG_TIME.format(at) + " " + String.format("%7d", pid) + " reflector.go:561] k8s.io/client-go@"
                + kubelet.moduleVersion() + "/informers/factory.go:160: failed to list *v1.Service: " + message;
    }
}
