package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PackageRecordTest {

    @Test
    void namesAreAddedOnceInOrderAndWhatIsNoPackageNameIsNotRead() {
        String record = PackageRecord.with("", List.of("keepalived", "haproxy"));

        assertThat(record).isEqualTo("haproxy\nkeepalived\n");
        assertThat(PackageRecord.with(record, List.of("haproxy", "etcd-server"))).isEqualTo("etcd-server\nhaproxy\nkeepalived\n");
        assertThat(PackageRecord.parse("haproxy\n\n rm -rf /\n$(reboot)\nlibc6:amd64\n")).containsExactly("haproxy");
    }
}
