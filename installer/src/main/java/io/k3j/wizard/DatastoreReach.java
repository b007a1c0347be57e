package io.k3j.wizard;

import io.k3j.datastore.Endpoint;
import io.k3j.output.Printable;
import io.k3j.ssh.Content;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import io.k3j.ssh.Shell;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * From a server host, checks that an existing datastore answers on its port: a TCP connection to
 * each of the endpoint's servers, on the path K3s will take. Login and rights are checked at apply.
 */
final class DatastoreReach {
    private static final int SECONDS = 5;

    private DatastoreReach() {
    }

    /** What was found, or empty when there is no existing datastore to check. */
    static Optional<HostCheck.Report> check(RemoteHost server, Answers answers) {
        Optional<String> endpoint = answers.given(Keys.DATASTORE_ENDPOINT)
                .filter(any -> answers.is(Keys.DATASTORE_MODE, DatastoreMode.EXISTING));
        if (endpoint.isEmpty()) {
            return Optional.empty();
        }
        List<Endpoint.HostPort> servers = Endpoint.parse(endpoint.get()).servers();
        for (Endpoint.HostPort datastore : servers) {
            String where = datastore.host() + ":" + datastore.port();
            // bash opens /dev/tcp/HOST/PORT itself; host and port reach it as arguments, never as script text.
            String connect = "timeout " + SECONDS + " bash -c " + Shell.quote(": </dev/tcp/\"$0\"/\"$1\"") + " "
                    + Shell.quote(datastore.host()) + " " + Shell.quote(String.valueOf(datastore.port()));
            ExecResult result = server.run(new RemoteCommand(connect, Content.NONE, false, Duration.ofSeconds(SECONDS * 2), true, List.of()));
            if (!result.ok()) {
                return Optional.of(new HostCheck.Report(false, "cannot reach the datastore at " + where
                        + " from here (" + (result.stderr().isBlank() ? "no answer in " + SECONDS + " s" : Printable.of(result.stderr().strip()))
                        + "): K3s would not start on this server"));
            }
        }
        return Optional.of(new HostCheck.Report(true, "reaches the datastore at " + String.join(", ",
                servers.stream().map(datastore -> datastore.host() + ":" + datastore.port()).toList())));
    }
}
