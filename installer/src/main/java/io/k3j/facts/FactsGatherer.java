package io.k3j.facts;

import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.SshException;
import java.nio.charset.StandardCharsets;

/** Runs gather-facts.sh on a connected host, in one round trip, and reads what it reports. */
public final class FactsGatherer {

    private FactsGatherer() {
    }

    public static HostFacts gather(RemoteHost host) {
        ExecResult result = host.run(RemoteCommand.asRoot("sh -s").withStdin(FactsScript.text().getBytes(StandardCharsets.UTF_8)));
        if (!result.ok()) {
            throw new SshException(host.name() + ": cannot read the host's facts (exit " + result.exitStatus() + "): "
                    + result.stderr().strip());
        }
        return FactsParser.parse(result.stdout());
    }
}
