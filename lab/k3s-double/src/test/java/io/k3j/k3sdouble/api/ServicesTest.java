package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.Version;
import org.junit.jupiter.api.Test;

class ServicesTest {

    @Test
    void fromOneThirtyOneTheKubeletsSelectorListsTheServicesWithAClusterIp() throws ApiError {
        String list = Json.write(Services.list(Version.of("v1.31.4+k3s1"), "spec.clusterIP!=None"));

        assertThat(list).startsWith("{\"kind\":\"ServiceList\",\"apiVersion\":\"v1\"")
                .contains("\"name\":\"kubernetes\",\"namespace\":\"default\"").contains("\"clusterIP\":\"10.43.0.1\"");
        assertThat(Json.write(Services.list(Version.of("v1.32.0+k3s1"), "spec.type=NodePort"))).contains("\"items\":[]");
    }

    @Test
    void aOneThirtyApiserverRefusesTheFieldInApimachinerysWords() {
        assertThatThrownBy(() -> Services.list(Version.of("v1.30.8+k3s1"), "spec.clusterIP!=None"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.code()).isEqualTo(400))
                .hasMessage("\"spec.clusterIP\" is not a known field selector: only \"metadata.name\", \"metadata.namespace\"");
    }

    @Test
    void everyReleaseListsByNameAndNamespaceAndWithoutASelector() throws ApiError {
        for (Version release : Version.RELEASES) {
            assertThat(Json.write(Services.list(release, "metadata.namespace=default"))).contains("\"name\":\"kubernetes\"");
            assertThat(Json.write(Services.list(release, null))).contains("\"name\":\"kubernetes\"");
        }
    }
}
