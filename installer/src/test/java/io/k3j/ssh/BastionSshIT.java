package io.k3j.ssh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.lab.Lab;
import io.k3j.lab.LabHost;
import io.k3j.lab.LabTopology;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hosts reachable only through a jump host. */
@LabTopology("bastion")
class BastionSshIT {
    @TempDir
    Path temp;

    private SshTarget target(Lab lab, LabHost host, Optional<SshTarget> bastion) {
        return new SshTarget(host.name(), host.address(), 22, "ops", Optional.of(lab.operatorKey()), Optional.empty(), true,
                Optional.empty(), bastion);
    }

    @Test
    void anInnerHostIsReachedThroughTheBastionAndOnlyThrough(Lab lab) {
        LabHost bastion = lab.hostsWithRole("bastion").get(0);
        LabHost inner = lab.hostsWithRole("server").get(0);
        HostKeyPolicy keys = new HostKeyPolicy(lab.knownHosts(), false);
        RunLog log = RunLog.create(temp.resolve("run.log"), Clock.systemUTC());

        try (SshHost host = SshHost.connect(target(lab, inner, Optional.of(target(lab, bastion, Optional.empty()))), keys, log,
                Clock.systemUTC())) {
            assertThat(host.run(RemoteCommand.asRoot("hostname; id -u")).stdout()).isEqualTo(inner.name() + "\n0\n");
        }
        assertThatThrownBy(() -> SshHost.connect(target(lab, inner, Optional.empty()), keys, log, Clock.systemUTC()))
                .isInstanceOf(SshException.class).hasMessageContaining(inner.name()).hasMessageContaining("cannot connect");
    }
}
