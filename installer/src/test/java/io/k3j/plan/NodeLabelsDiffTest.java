package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** How a node's labels and taints come to the inventory's, touching only what k3j-install manages. */
class NodeLabelsDiffTest {
    private static final String LABELS = NodeLabelsDiff.MANAGED_LABELS;
    private static final String TAINTS = NodeLabelsDiff.MANAGED_TAINTS;

    static Stream<Arguments> cases() {
        return Stream.of(
                // name, wanted labels, wanted taints, node labels, node taints, annotations, edits as described
                Arguments.of("as wanted", map("zone=a"), List.of("gpu=true:NoSchedule"), map("zone=a", "team=web"),
                        List.of("gpu=true:NoSchedule"), map(LABELS + "=zone", TAINTS + "=gpu=true:NoSchedule"), List.of()),
                Arguments.of("a new label", map("zone=a"), List.of(), map(), List.of(), map(),
                        List.of("ADD label zone=a")),
                Arguments.of("a changed label", map("zone=b"), List.of(), map("zone=a"), List.of(), map(LABELS + "=zone"),
                        List.of("CHANGE label zone=a -> zone=b")),
                Arguments.of("a label dropped from the inventory", map(), List.of(), map("zone=a"), List.of(), map(LABELS + "=zone"),
                        List.of("REMOVE label zone=a")),
                Arguments.of("someone else's label is left alone", map(), List.of(), map("team=web"), List.of(), map(LABELS + "=zone"),
                        List.of()),
                Arguments.of("someone else's key the inventory now wants becomes ours", map("team=ops"), List.of(), map("team=web"),
                        List.of(), map(), List.of("CHANGE label team=web -> team=ops")),
                Arguments.of("a managed label already gone", map(), List.of(), map(), List.of(), map(LABELS + "=zone"), List.of()),
                Arguments.of("a new taint", map(), List.of("gpu=true:NoSchedule"), map(), List.of(), map(),
                        List.of("ADD taint gpu=true:NoSchedule")),
                Arguments.of("a taint's new value", map(), List.of("gpu=false:NoSchedule"), map(), List.of("gpu=true:NoSchedule"),
                        map(TAINTS + "=gpu=true:NoSchedule"), List.of("CHANGE taint gpu=true:NoSchedule -> gpu=false:NoSchedule")),
                Arguments.of("the same key with another effect is another taint", map(), List.of("gpu=true:NoExecute"), map(),
                        List.of("gpu=true:NoSchedule"), map(TAINTS + "=gpu=true:NoSchedule"),
                        List.of("ADD taint gpu=true:NoExecute", "REMOVE taint gpu=true:NoSchedule")),
                Arguments.of("a taint without a value", map(), List.of("dedicated:NoSchedule"), map(), List.of("dedicated:NoSchedule"),
                        map(TAINTS + "=dedicated:NoSchedule"), List.of()),
                Arguments.of("a taint dropped, others' kept", map(), List.of(), map(),
                        List.of("gpu=true:NoSchedule", "node.kubernetes.io/unreachable:NoExecute"), map(TAINTS + "=gpu=true:NoSchedule"),
                        List.of("REMOVE taint gpu=true:NoSchedule")),
                Arguments.of("the dedicated control plane turned on", map(), List.of("k3s-controlplane=true:NoExecute"), map(), List.of(),
                        map(), List.of("ADD taint k3s-controlplane=true:NoExecute")),
                Arguments.of("the dedicated control plane turned off", map(), List.of(), map(), List.of("k3s-controlplane=true:NoExecute"),
                        map(TAINTS + "=k3s-controlplane=true:NoExecute"), List.of("REMOVE taint k3s-controlplane=true:NoExecute")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void theEditsTouchOnlyWhatTheInventoryWantsOrK3jInstallSet(String name, Map<String, String> wantedLabels, List<String> wantedTaints,
                                                              Map<String, String> labels, List<String> taints,
                                                              Map<String, String> annotations, List<String> edits) {
        NodeLabelsDiff diff = NodeLabelsDiff.between(wantedLabels, wantedTaints, labels, taints, annotations);

        assertThat(diff.edits()).extracting(edit -> edit.kind() + " " + edit.describe()).containsExactlyElementsOf(edits);
    }

    @Test
    void theRecordListsWhatTheInventoryWantsAndAMissingRecordIsAChangeEvenWhenTheNodeHasIt() {
        NodeLabelsDiff diff = NodeLabelsDiff.between(map("zone=a", "disk=ssd"), List.of("gpu=true:NoSchedule"),
                map("zone=a", "disk=ssd"), List.of("gpu=true:NoSchedule"), map());

        assertThat(diff.edits()).isEmpty();
        assertThat(diff.recordChanges()).isTrue();
        assertThat(diff.none()).isFalse();
        assertThat(diff.managedLabels()).isEqualTo("disk,zone");
        assertThat(diff.managedTaints()).isEqualTo("gpu=true:NoSchedule");
        assertThat(NodeLabelsDiff.between(map(), List.of(), map(), List.of(), map()).none()).as("nothing wanted, nothing recorded").isTrue();
    }

    @Test
    void kubectlGetsKeyValueToSetAndKeyDashToRemove() {
        NodeLabelsDiff diff = NodeLabelsDiff.between(map("zone=b"), List.of("gpu=false:NoSchedule"), map("zone=a", "old=x"),
                List.of("gpu=true:NoSchedule", "was=1:NoExecute"), map(LABELS + "=old,zone", TAINTS + "=gpu=true:NoSchedule,was=1:NoExecute"));

        assertThat(diff.edits()).extracting(NodeLabelsDiff.Edit::kubectlArgument)
                .containsExactly("zone=b", "old-", "gpu=false:NoSchedule", "was:NoExecute-");
    }

    @Test
    void theRecordBeforeSettingHoldsWhatWasManagedAndWhatIsWanted() {
        assertThat(NodeLabelsDiff.union("zone,old", "disk,zone")).isEqualTo("disk,old,zone");
        assertThat(NodeLabelsDiff.union("", "")).isEmpty();
        assertThat(NodeLabelsDiff.taintUnion("a=1:NoSchedule", "b:NoExecute,a=1:NoSchedule")).isEqualTo("a=1:NoSchedule,b:NoExecute");
    }

    private static Map<String, String> map(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        Arrays.stream(pairs).forEach(pair -> map.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1)));
        return map;
    }
}
