package io.k3j.facts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FactsParserTest {

    private static final String SERVER_WITH_K3S = """
            os=debian 12
            os_pretty=Debian GNU/Linux 12 (bookworm)
            arch=x86_64
            kernel=6.1.0-28-amd64
            hostname=server-1
            init=systemd
            systemd_state=running
            addresses=198.51.100.11 2001:db8::11
            time_epoch=1795559453
            disk_free_kb=83746084
            listening=22 6443 10250
            k3s_version=v1.31.4+k3s1
            k3s_server=active
            k3s_agent=inactive
            haproxy=
            keepalived=
            postgresql=
            postgresql_major=
            mariadb=
            etcd=
            packages=curl
            """;

    @Test
    void readsEveryFact() {
        HostFacts facts = FactsParser.parse(SERVER_WITH_K3S);

        assertThat(facts.os()).isEqualTo("debian 12");
        assertThat(facts.hostname()).isEqualTo("server-1");
        assertThat(facts.addresses()).containsExactly("198.51.100.11", "2001:db8::11");
        assertThat(facts.listeningPorts()).containsExactly(22, 6443, 10250);
        assertThat(facts.k3sVersion()).contains("v1.31.4+k3s1");
        assertThat(facts.isActive("k3s")).isTrue();
        assertThat(facts.isActive("k3s-agent")).isFalse();
        assertThat(facts.k3sArch()).contains("amd64");
        assertThat(facts.diskFreeKb()).isEqualTo(83746084L);
        assertThat(facts.postgresqlMajor()).isEmpty();
        assertThat(facts.hasPackage("curl")).isTrue();
    }

    @Test
    void aHostWithoutK3sHasNoVersionAndNothingActive() {
        HostFacts facts = FactsParser.parse("hostname=fresh\narch=aarch64\nk3s_version=\nk3s_server=inactive\n");

        assertThat(facts.k3sVersion()).isEmpty();
        assertThat(facts.activeServices()).isEmpty();
        assertThat(facts.k3sArch()).contains("arm64");
        assertThat(facts.listeningPorts()).isEmpty();
    }

    @Test
    void theScriptIsPackedWithTheInstaller() {
        assertThat(FactsScript.text()).contains("fact k3s_version").contains("fact listening");
    }
}
