package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PodNetworkCapacityTest {
    @Test
    void k3sDefaultsGiveRoomFor256Nodes() {
        PodNetworkCapacity capacity = PodNetworkCapacity.of(Map.of()).orElseThrow();

        assertThat(capacity.nodes()).isEqualTo(256);
        assertThat(capacity.describe()).isEqualTo("cluster-cidr 10.42.0.0/16, K3s' default, in /24 ranges, Kubernetes' default size, one a node");
        assertThat(capacity.prefixFor(1000)).as("1,000 nodes of /24 need a /14").isEqualTo(14);
        assertThat(capacity.prefixFor(1024)).isEqualTo(14);
        assertThat(capacity.prefixFor(1025)).isEqualTo(13);
    }

    @ParameterizedTest(name = "{0} with {1}: {2} nodes")
    @CsvSource(delimiter = '|', value = {
        "10.44.0.0/14                   |                                   | 1024",
        "10.42.0.0/16                   | node-cidr-mask-size=25            | 512",
        "10.42.0.0/16                   | --node-cidr-mask-size-ipv4=26     | 1024",
        "10.42.0.0/16                   | node-cidr-mask-size=25,node-cidr-mask-size=23 | 128",
        "2001:db8:42::/56               |                                   | 256",
        "2001:db8:42::/48               | node-cidr-mask-size-ipv6=112      | 1073741824",
        "'10.42.0.0/16,2001:db8:42::/60' |                                  | 16",
        "'10.42.0.0/16,2001:db8:42::/60' | node-cidr-mask-size=80           | 16",
        "'10.42.0.0/16,2001:db8:42::/60' | node-cidr-mask-size-ipv6=72      | 256",
    })
    void readsTheRangeAndTheNodeMaskAsTheControllerManagerDoes(String cidr, String args, int nodes) {
        List<String> managerArgs = args == null ? List.of() : List.of(args.split(","));

        assertThat(PodNetworkCapacity.of(Map.of("cluster-cidr", cidr, "kube-controller-manager-arg", managerArgs)))
                .hasValueSatisfying(capacity -> assertThat(capacity.nodes()).isEqualTo(nodes));
    }

    @Test
    void aListOfRangesIsReadAsTheCommaSeparatedForm() {
        assertThat(PodNetworkCapacity.of(Map.of("cluster-cidr", List.of("10.42.0.0/20", "2001:db8:42::/56"))))
                .hasValueSatisfying(capacity -> assertThat(capacity.nodes()).isEqualTo(16));
    }

    @ParameterizedTest
    @CsvSource({"10.42.0.0", "10.42.0.0/x", "example.com/16", "10.42.0.0/25"})
    void aRangeThisCheckCannotReadIsLeftToK3s(String cidr) {
        assertThat(PodNetworkCapacity.of(Map.of("cluster-cidr", cidr))).isEmpty();
    }

    @Test
    void aValueOfAnotherTypeIsLeftToK3s() {
        assertThat(PodNetworkCapacity.of(Map.of("cluster-cidr", Map.of("a", 1)))).isEmpty();
        assertThat(PodNetworkCapacity.of(Map.of("kube-controller-manager-arg", 5))).isEmpty();
    }
}
