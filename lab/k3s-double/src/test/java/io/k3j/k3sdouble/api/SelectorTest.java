package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectorTest {
    private static final Map<String, String> SERVER = Map.of("node-role.kubernetes.io/control-plane", "true", "disk", "ssd");
    private static final Map<String, String> WORKER = Map.of("disk", "hdd");

    @Test
    void labelSelectorsOfEveryForm() throws ApiError {
        assertThat(LabelSelector.parse("node-role.kubernetes.io/control-plane=true").matches(SERVER)).isTrue();
        assertThat(LabelSelector.parse("node-role.kubernetes.io/control-plane==true").matches(WORKER)).isFalse();
        assertThat(LabelSelector.parse("!node-role.kubernetes.io/control-plane").matches(WORKER)).isTrue();
        assertThat(LabelSelector.parse("node-role.kubernetes.io/control-plane").matches(WORKER)).isFalse();
        assertThat(LabelSelector.parse("disk!=ssd").matches(WORKER)).isTrue();
        assertThat(LabelSelector.parse("disk in (ssd, nvme),node-role.kubernetes.io/control-plane").matches(SERVER)).isTrue();
        assertThat(LabelSelector.parse("disk notin (hdd)").matches(WORKER)).isFalse();
        assertThat(LabelSelector.parse("").matches(WORKER)).isTrue();
    }

    @Test
    void anUnreadableLabelSelectorIsABadRequest() {
        assertThatThrownBy(() -> LabelSelector.parse("disk in ssd)")).isInstanceOf(ApiError.class)
                .hasMessageContaining("unable to parse requirement");
    }

    @Test
    void fieldSelectorsOnNodeFieldsAndOthersRefused() throws ApiError {
        Map<String, Object> node = Map.of("metadata", Map.of("name", "worker1"), "spec", Map.of("unschedulable", true));

        assertThat(FieldSelector.parse("metadata.name=worker1", FieldSelector.NODE_FIELDS)
                .matches(field -> FieldSelector.nodeField(node, field))).isTrue();
        assertThat(FieldSelector.parse("metadata.name!=worker1", FieldSelector.NODE_FIELDS)
                .matches(field -> FieldSelector.nodeField(node, field))).isFalse();
        assertThat(FieldSelector.parse("spec.unschedulable=true", FieldSelector.NODE_FIELDS)
                .matches(field -> FieldSelector.nodeField(node, field))).isTrue();
        assertThatThrownBy(() -> FieldSelector.parse("status.phase=Running", FieldSelector.NODE_FIELDS))
                .isInstanceOf(ApiError.class).hasMessage("field label not supported: status.phase");
    }
}
