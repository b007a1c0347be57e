package io.k3j.k3sdouble.agent;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Version;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServiceReflectorTest {

    @Test
    void fromOneThirtyOneTheKubeletListsOnlyServicesWithAClusterIp() {
        assertThat(ServiceReflector.query(Version.of("v1.31.4+k3s1"))).isEqualTo("fieldSelector=spec.clusterIP%21%3DNone&limit=500&resourceVersion=0");
        assertThat(ServiceReflector.query(Version.of("v1.30.8+k3s1"))).isEqualTo("limit=500&resourceVersion=0");
    }

    @Test
    void aRefusedListIsLoggedAsClientGosReflectorLogsIt() {
        String line = ServiceReflector.refusalLine(Version.of("v1.31.4+k3s1"), Instant.parse("2026-12-01T22:45:00.123456Z"), 1234,
                "\"spec.clusterIP\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");

        assertThat(line).isEqualTo("W1201 22:45:00.123456    1234 reflector.go:561] k8s.io/client-go@v1.31.4-k3s1/informers/factory.go:160: "
                + "failed to list *v1.Service: \"spec.clusterIP\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }
}
