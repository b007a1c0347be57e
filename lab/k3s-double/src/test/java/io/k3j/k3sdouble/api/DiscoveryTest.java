package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.Version;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiscoveryTest {
    private final Discovery discovery = new Discovery(ServedResource.ALL);

    @Test
    void versionInfoIsTheK3sReleaseSplitIntoMajorAndMinor() {
        Map<String, Object> info = Discovery.version(Version.of("v1.32.0+k3s1"));

        assertThat(info).containsEntry("major", "1").containsEntry("minor", "32").containsEntry("gitVersion", "v1.32.0+k3s1")
                .containsEntry("gitCommit", "cca8facaa33a3ec7897349a8740fd96029590c31").containsEntry("goVersion", "go1.23.3")
                .containsEntry("buildDate", "2024-12-20T00:00:00Z").containsEntry("platform", "linux/amd64");
    }

    @Test
    void theAggregatedFormIsServedOnlyWhenAcceptAsksForIt() {
        assertThat(Discovery.aggregatedVersionAsked("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
                + "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json")).contains("v2");
        assertThat(Discovery.aggregatedVersionAsked("application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList"))
                .contains("v2beta1");
        assertThat(Discovery.aggregatedVersionAsked("application/json, */*")).isEmpty();
        assertThat(Discovery.aggregatedVersionAsked(null)).isEmpty();
        assertThat(Discovery.aggregatedContentType("v2")).isEqualTo("application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList");
    }

    @Test
    void theCoreResourceListNamesNodesWithTheirVerbsShortNameAndStatusSubresource() {
        String list = Json.write(discovery.resourceList("", "v1").orElseThrow());

        assertThat(list).startsWith("{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"v1\"")
                .contains("{\"name\":\"nodes\",\"singularName\":\"node\",\"namespaced\":false,\"kind\":\"Node\","
                        + "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"],\"shortNames\":[\"no\"]}")
                .contains("{\"name\":\"nodes/status\",\"singularName\":\"\",\"namespaced\":false,\"kind\":\"Node\"");
        assertThat(list).contains("{\"name\":\"pods/eviction\",\"singularName\":\"\",\"namespaced\":true,\"group\":\"policy\","
                + "\"version\":\"v1\",\"kind\":\"Eviction\",\"verbs\":[\"create\"]}");
        assertThat(discovery.resourceList("apps", "v2")).isEmpty();
        assertThat(Json.write(discovery.resourceList("coordination.k8s.io", "v1").orElseThrow()))
                .contains("{\"name\":\"leases\",\"singularName\":\"lease\",\"namespaced\":true,\"kind\":\"Lease\","
                        + "\"verbs\":[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\"]}");
        assertThat(Json.write(discovery.legacyVersions("203.0.113.11:6443")))
                .isEqualTo("{\"kind\":\"APIVersions\",\"versions\":[\"v1\"],\"serverAddressByClientCIDRs\":"
                        + "[{\"clientCIDR\":\"0.0.0.0/0\",\"serverAddress\":\"203.0.113.11:6443\"}]}");
    }

    @Test
    @SuppressWarnings("unchecked")
    void theAggregatedCoreGroupHasTheNodesOfV1() {
        Map<String, Object> list = discovery.aggregated(true, "v2");
        Map<String, Object> core = (Map<String, Object>) ((List<Object>) list.get("items")).get(0);

        assertThat(list).containsEntry("kind", "APIGroupDiscoveryList").containsEntry("apiVersion", "apidiscovery.k8s.io/v2");
        assertThat(Json.write(core)).contains("\"name\":\"\"").contains("\"version\":\"v1\"")
                .contains("\"resource\":\"nodes\",\"responseKind\":{\"group\":\"\",\"version\":\"v1\",\"kind\":\"Node\"},"
                        + "\"scope\":\"Cluster\",\"singularResource\":\"node\"")
                .contains("\"subresources\":[{\"subresource\":\"status\"").contains("\"freshness\":\"Current\"");
    }

    @Test
    void apisListsTheNamedGroupsWithTheirPreferredVersion() {
        assertThat(Json.write(discovery.groupList())).isEqualTo("{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
                + "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"apps\",\"versions\":[{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"apps/v1\",\"version\":\"v1\"}},"
                + "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"policy\",\"versions\":[{\"groupVersion\":\"policy/v1\",\"version\":\"v1\"}],"
                + "\"preferredVersion\":{\"groupVersion\":\"policy/v1\",\"version\":\"v1\"}},"
                + "{\"kind\":\"APIGroup\",\"apiVersion\":\"v1\",\"name\":\"coordination.k8s.io\",\"versions\":[{\"groupVersion\":"
                + "\"coordination.k8s.io/v1\",\"version\":\"v1\"}],\"preferredVersion\":{\"groupVersion\":\"coordination.k8s.io/v1\","
                + "\"version\":\"v1\"}}]}");
    }
}
