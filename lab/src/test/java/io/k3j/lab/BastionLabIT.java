package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Hosts behind a bastion: no way to them from this machine but through it. */
@LabTopology("bastion")
class BastionLabIT {

    @Test
    void innerHostsAreUnreachableDirectly(Lab lab) {
        LabHost inner = lab.hostsWithRole("server").get(0);
        assertThat(inner.inner()).isTrue();

        CommandResult direct = Shell.run(List.of("ssh", "-i", lab.operatorKey().toString(), "-o",
                "UserKnownHostsFile=" + lab.knownHosts(), "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes",
                "-o", "ConnectTimeout=3", "root@" + inner.address(), "true"));

        assertThat(direct.exitCode()).isEqualTo(255);
        assertThat(direct.stderr()).containsAnyOf("No route to host", "Network is unreachable");
    }

    @Test
    void innerHostsAreReachableThroughTheBastion(Lab lab) {
        for (LabHost host : lab.hosts()) {
            if (host.inner()) {
                CommandResult result = lab.ssh(host.name(), "hostname");
                assertThat(result.exitCode()).as(result.stderr()).isZero();
                assertThat(result.stdout()).isEqualTo(host.name() + "\n");
            }
        }
    }

    @Test
    void theBastionForwardsNothingByItself(Lab lab) {
        LabHost bastion = lab.hostsWithRole("bastion").get(0);

        assertThat(lab.exec(bastion.name(), "cat", "/proc/sys/net/ipv4/ip_forward").stdout().strip()).isEqualTo("0");
    }
}
