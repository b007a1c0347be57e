package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.k3sdouble.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PatchTest {
    @SuppressWarnings("unchecked")
    private static Map<String, Object> node() {
        return (Map<String, Object>) Json.read("""
                {"metadata":{"name":"worker1","labels":{"disk":"ssd","tier":"db"}},
                 "spec":{"unschedulable":true,"taints":[{"key":"a","effect":"NoSchedule"}]},
                 "status":{"conditions":[{"type":"MemoryPressure","status":"False"},{"type":"Ready","status":"True","lastHeartbeatTime":"t0"}]}}""");
    }

    private static String apply(String type, String patch) throws ApiError {
        return Json.write(Patch.apply(type, node(), Json.read(patch)));
    }

    @Test
    void aMergePatchMergesMapsAndNullDeletes() throws ApiError {
        String patched = apply("application/merge-patch+json", "{\"metadata\":{\"labels\":{\"tier\":null,\"zone\":\"b\"}}}");

        assertThat(patched).contains("\"labels\":{\"disk\":\"ssd\",\"zone\":\"b\"}").contains("\"unschedulable\":true");
    }

    @Test
    void aStrategicMergePatchMergesConditionsByTypeAndReplacesTaints() throws ApiError {
        String heartbeat = apply("application/strategic-merge-patch+json",
                "{\"status\":{\"$setElementOrder/conditions\":[{\"type\":\"Ready\"}],\"conditions\":[{\"type\":\"Ready\",\"lastHeartbeatTime\":\"t1\"}]}}");
        String taints = apply("application/strategic-merge-patch+json", "{\"spec\":{\"taints\":[{\"key\":\"b\",\"effect\":\"NoExecute\"}]}}");
        String uncordon = apply("application/strategic-merge-patch+json", "{\"spec\":{\"unschedulable\":null}}");
        String deleteCondition = apply("application/strategic-merge-patch+json",
                "{\"status\":{\"conditions\":[{\"type\":\"MemoryPressure\",\"$patch\":\"delete\"}]}}");

        assertThat(heartbeat).contains("{\"type\":\"MemoryPressure\",\"status\":\"False\"},"
                + "{\"type\":\"Ready\",\"status\":\"True\",\"lastHeartbeatTime\":\"t1\"}").doesNotContain("$setElementOrder");
        assertThat(taints).contains("\"taints\":[{\"key\":\"b\",\"effect\":\"NoExecute\"}]");
        assertThat(uncordon).doesNotContain("unschedulable");
        assertThat(deleteCondition).doesNotContain("MemoryPressure").contains("\"type\":\"Ready\"");
    }

    @Test
    void aJsonPatchAddsRemovesAndTestsWithEscapedPointers() throws ApiError {
        String patched = apply("application/json-patch+json", """
                [{"op":"add","path":"/metadata/labels/node-role.kubernetes.io~1worker","value":"true"},
                 {"op":"remove","path":"/spec/taints/0"},
                 {"op":"replace","path":"/spec/unschedulable","value":false},
                 {"op":"test","path":"/metadata/name","value":"worker1"}]""");

        assertThat(patched).contains("\"node-role.kubernetes.io/worker\":\"true\"").contains("\"taints\":[]")
                .contains("\"unschedulable\":false");
        assertThatThrownBy(() -> apply("application/json-patch+json", "[{\"op\":\"remove\",\"path\":\"/metadata/annotations/x\"}]"))
                .isInstanceOf(ApiError.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> apply("application/json-patch+json", "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"x\"}]"))
                .isInstanceOf(ApiError.class).hasMessageContaining("testing value /metadata/name failed");
    }

    @Test
    void anotherContentTypeIsUnsupported() {
        assertThatThrownBy(() -> apply("application/apply-patch+yaml", "{}")).isInstanceOf(ApiError.class)
                .satisfies(e -> assertThat(((ApiError) e).code()).isEqualTo(415));
    }
}
