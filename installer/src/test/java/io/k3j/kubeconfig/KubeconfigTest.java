package io.k3j.kubeconfig;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class KubeconfigTest {

    /** The shape K3s writes to /etc/rancher/k3s/k3s.yaml (pkg/clientaccess/kubeconfig.go). */
    private static final String K3S_YAML = """
            apiVersion: v1
            clusters:
            - cluster:
                certificate-authority-data: Q0EtREFUQQ==
                server: https://127.0.0.1:6443
              name: default
            contexts:
            - context:
                cluster: default
                user: default
              name: default
            current-context: default
            kind: Config
            preferences: {}
            users:
            - name: default
              user:
                client-certificate-data: Q0VSVA==
                client-key-data: S0VZ
            """;

    @Test
    void pointsAtTheRegistrationAddressAndNamesEverythingAfterTheCluster() {
        Kubeconfig operator = Kubeconfig.parse(K3S_YAML).forOperator("prod", "https://k8s.example.com:6443");

        assertThat(operator.server()).isEqualTo("https://k8s.example.com:6443");
        assertThat(operator.currentContext()).isEqualTo("prod");
        String yaml = operator.toYaml();
        assertThat(yaml).contains("name: prod").doesNotContain("default").doesNotContain("127.0.0.1");
        assertThat(yaml).contains("client-key-data: S0VZ").contains("certificate-authority-data: Q0EtREFUQQ==");
    }

    @Test
    void leavesTheParsedOriginalUntouched() {
        Kubeconfig original = Kubeconfig.parse(K3S_YAML);
        original.forOperator("prod", "https://k8s.example.com:6443");
        assertThat(original.server()).isEqualTo("https://127.0.0.1:6443");
    }

    @Test
    void mergeReplacesEntriesOfTheSameNameAndKeepsOthers() {
        Kubeconfig first = Kubeconfig.parse(K3S_YAML).forOperator("prod", "https://old.example.com:6443");
        Kubeconfig other = Kubeconfig.parse(K3S_YAML).forOperator("staging", "https://staging.example.com:6443");
        Kubeconfig existing = other.mergedInto(first);

        Kubeconfig updated = Kubeconfig.parse(K3S_YAML).forOperator("prod", "https://k8s.example.com:6443");
        String merged = updated.mergedInto(existing).toYaml();

        assertThat(merged).contains("https://k8s.example.com:6443").contains("https://staging.example.com:6443")
                .doesNotContain("old.example.com").contains("current-context: prod");
    }

    @Test
    void refusesSomethingThatIsNotAKubeconfig() {
        assertThatThrownBy(() -> Kubeconfig.parse("- a list"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a kubeconfig");
    }
}
