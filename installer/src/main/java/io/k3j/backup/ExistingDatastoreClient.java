package io.k3j.backup;

import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.StepFailure;
import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.SecretResolver;
import io.k3j.plan.ClusterValues;
import io.k3j.plan.Step;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * An existing datastore ({@code spec.datastore.endpoint}) as a backup or restore reaches it: from
 * the first server, with the endpoint and TLS files K3s there uses. Its password, when it has one,
 * is first written into a private folder there ({@link ExistingDatastoreCommands#writeCredentials}),
 * which the dump or load removes when it ends.
 */
final class ExistingDatastoreClient {
    private final ExistingDatastoreCommands commands;
    private final Optional<String> credentials;

    private ExistingDatastoreClient(ExistingDatastoreCommands commands, Optional<String> credentials) {
        this.commands = commands;
        this.credentials = credentials;
    }

    /** The first server's address: where a backup or restore of an existing datastore runs its client tools. */
    static String host(Inventory inventory) {
        return inventory.servers().hosts().get(0).address();
    }

    /**
     * That the first server has the tool that dumps ({@code load} false) or loads the datastore.
     *
     * @throws BackupRefused naming the server, the tool and the Debian package that has it
     */
    static void requireTool(Inventory inventory, ConnectedHosts hosts, boolean load, String again) {
        String address = host(inventory);
        Datastore.Type type = inventory.datastore().type();
        String tool = ExistingDatastoreCommands.tool(type, load);
        ExecResult found = HostStep.on(address, Step.DATASTORE, "look for " + tool, again, () -> hosts.host(address)
                .run(RemoteCommand.asRoot(ExistingDatastoreCommands.toolCheck(type, load))));
        if (!found.ok()) {
            throw new BackupRefused(address + " (the first server, which reaches the existing " + type + " datastore as K3s "
                    + "does) has no " + tool + ": install it there ('apt-get install " + ExistingDatastoreCommands.debianPackage(type)
                    + "'), then " + again + "; nothing was changed");
        }
    }

    /** Connected through the first server: the endpoint resolved, its secrets masked in the run log, the password written there. */
    static ExistingDatastoreClient connect(Inventory inventory, SecretResolver secrets, ConnectedHosts hosts, String action,
                                           String again) {
        ClusterValues values = ClusterValues.of(inventory, secrets, ClusterValues.Kept.NOTHING);
        hosts.runLog().addSecrets(values.secrets());
        ExistingDatastoreCommands commands = ExistingDatastoreCommands.of(inventory.datastore(), values.datastoreEndpoint());
        Optional<String> credentials;
        try {
            credentials = commands.credentials();
        } catch (IllegalArgumentException e) {
            throw new BackupRefused("the password in spec.datastore.endpoint cannot be handed to the " + inventory.datastore().type()
                    + " client tools without a command line: " + e.getMessage() + "; nothing was changed");
        }
        if (credentials.isEmpty()) {
            return new ExistingDatastoreClient(commands, Optional.empty());
        }
        String address = host(inventory);
        ExecResult written = HostStep.on(address, Step.DATASTORE, action, again, () -> hosts.host(address)
                .run(RemoteCommand.asRoot(commands.writeCredentials()).withStdin(credentials.get().getBytes(StandardCharsets.UTF_8))
                        .masking(commands.password().map(List::of).orElse(List.of()))));
        if (!written.ok()) {
            throw new StepFailure(address, Step.DATASTORE, action, "writing the datastore's password into a private temporary "
                    + "folder (mktemp -d) failed (exit " + written.exitStatus() + "): " + written.stderr().strip(),
                    "check that its temporary folder (TMPDIR, else /tmp) can be written, then " + again);
        }
        return new ExistingDatastoreClient(commands, Optional.of(written.stdout().strip()));
    }

    /** What to check when the dump or load failed. */
    static String fix(Inventory inventory) {
        return "check that " + host(inventory) + " reaches the datastore as K3s does (datastore-endpoint and its TLS files in "
                + "config.yaml) and that its user may read and write the database";
    }

    String dump() {
        return commands.dump(credentials);
    }

    String load() {
        return commands.load(credentials);
    }
}
