package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class EtcdFormationTest {

    @Test
    void aFormationReadBackFromAMembersConfigKeepsItsMembersAndState() {
        assertThat(EtcdFormation.parse("db1=https://198.51.100.5:2380,db4=https://198.51.100.8:2380", "existing")).contains(
                new EtcdFormation(List.of(new EtcdFormation.Peer("db1", "https://198.51.100.5:2380"),
                        new EtcdFormation.Peer("db4", "https://198.51.100.8:2380")), EtcdFormation.EXISTING));
    }

    @Test
    void oneK3jInstallCouldNotHaveWrittenIsNoFormation() {
        assertThat(EtcdFormation.parse("db1=https://198.51.100.5:2380 # edited", "new")).isEmpty();
        assertThat(EtcdFormation.parse("db1=\"https://198.51.100.5:2380\"", "new")).isEmpty();
        assertThat(EtcdFormation.parse("db1", "new")).isEmpty();
        assertThat(EtcdFormation.parse("db1=https://198.51.100.5:2380", "'existing'")).isEmpty();
    }
}
