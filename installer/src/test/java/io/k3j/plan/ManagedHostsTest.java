package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.testing.ExampleInventories;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The record of the nodes k3j-install manages: written from the inventory, read back line by line, refused when changed by hand. */
class ManagedHostsTest {

    @Test
    void theRecordListsServersThenWorkersWithTheirNodeNamesAndReadsBackAsWritten() {
        List<ManagedHosts.Entry> entries = ManagedHosts.of(ExampleInventories.load("airgap.yaml", text -> text
                .replace("{address: 198.51.100.11}", "{address: 198.51.100.11, name: server1}")
                .replace("{address: 198.51.100.12}", "{address: 198.51.100.12, name: server2}")
                .replace("{address: 198.51.100.31}", "{address: 198.51.100.31, name: worker1}")), HostKnowledge.OFFLINE);

        String text = ManagedHosts.render(entries);

        assertThat(text.lines().filter(line -> !line.startsWith("#")).toList()).containsExactly(
                "server 198.51.100.11 server1", "server 198.51.100.12 server2", "worker 198.51.100.31 worker1");
        assertThat(ManagedHosts.parse(text)).contains(entries);
    }

    @Test
    void aLineNotOfTheRecordsFormOrWithoutAnAddressAndANodeNameMakesItUnreadableRatherThanSkipped() {
        assertThat(ManagedHosts.parse("# header\nworker 198.51.100.31 worker1\n\n")).contains(
                List.of(new ManagedHosts.Entry(false, "198.51.100.31", "worker1")));
        assertThat(ManagedHosts.parse("worker 198.51.100.31 worker1\nagent 198.51.100.32 worker2\n")).isEqualTo(Optional.empty());
        assertThat(ManagedHosts.parse("worker 198.51.100.31\n")).isEqualTo(Optional.empty());
        assertThat(ManagedHosts.parse("worker -oProxyCommand=x worker1\n")).isEqualTo(Optional.empty());
        assertThat(ManagedHosts.parse("worker 198.51.100.31 Worker_1\n")).isEqualTo(Optional.empty());
    }
}
