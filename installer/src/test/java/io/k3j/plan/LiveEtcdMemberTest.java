package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class LiveEtcdMemberTest {

    @Test
    void theFactsListReadsAsEtcdctlPrintedItAnUnstartedMemberWithoutAName() {
        List<LiveEtcdMember> members = LiveEtcdMember.parseAll("8e9e05c52164694d|started|db1|https://db1.example.com:2380|"
                + "https://198.51.100.21:2379|false 91bc3c398fb3c146|unstarted||https://[2001:db8::4]:2380,https://db4.example.com:2380||true");

        assertThat(members).containsExactly(
                new LiveEtcdMember("8e9e05c52164694d", true, "db1", List.of("https://db1.example.com:2380"), false),
                new LiveEtcdMember("91bc3c398fb3c146", false, "", List.of("https://[2001:db8::4]:2380", "https://db4.example.com:2380"), true));
        assertThat(members.get(0).voting()).isTrue();
        assertThat(members.get(1).voting()).isFalse();
        assertThat(members.get(0).peerHost()).contains("db1.example.com");
        assertThat(members.get(1).peerHost()).contains("2001:db8::4");
        assertThat(members.get(1).described()).isEqualTo("https://[2001:db8::4]:2380,https://db4.example.com:2380 (not started)");
    }

    @Test
    void aWordThatIsNotAMemberIsPassedOver() {
        assertThat(LiveEtcdMember.parseAll("Error: context deadline exceeded 8e9e05c52164694d|started|db1")).isEmpty();
        assertThat(LiveEtcdMember.parseAll("")).isEmpty();
        assertThat(LiveEtcdMember.parseAll("8e9e05c52164694d|started|db1|||false")).as("no peer URL").isEmpty();
    }
}
