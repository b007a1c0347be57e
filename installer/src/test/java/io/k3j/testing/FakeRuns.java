package io.k3j.testing;

import io.k3j.apply.ClusterApply;
import io.k3j.apply.ConnectedHosts;
import io.k3j.apply.DatastoreProbe;
import io.k3j.apply.KeptSecrets;
import io.k3j.apply.RemovedHosts;
import io.k3j.apply.SilentListener;
import io.k3j.apply.WaveRunner;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.SecretResolver;
import io.k3j.plan.ClusterValues;
import io.k3j.ssh.RunLog;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * An apply and a dry run on fake hosts, connected as ApplyCommand and PlanCommand connect, one
 * host at a time (so the journal's order is the waves' order); the datastore login a stand-in.
 */
public final class FakeRuns {
    private static final Clock CLOCK = Clock.systemUTC();

    private final FakeHosts fakes;
    private final Path logs;
    private final DatastoreProbe probe;

    public FakeRuns(FakeHosts fakes, Path logs, DatastoreProbe probe) {
        this.fakes = fakes;
        this.logs = logs;
        this.probe = probe;
    }

    public ClusterApply.Result apply(Inventory inventory) throws InterruptedException {
        WaveRunner runner = new WaveRunner(1, CLOCK);
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(logs.resolve("apply.log"), CLOCK), runner)) {
            ClusterApply apply = clusterApply(inventory, hosts, runner);
            return apply.run(apply.values(), SilentListener.INSTANCE);
        }
    }

    /** As plan does: the kept secrets read back, none generated. */
    public ClusterApply.DryRun dryRun(Inventory inventory) throws InterruptedException {
        WaveRunner runner = new WaveRunner(1, CLOCK);
        try (ConnectedHosts hosts = ConnectedHosts.connect(inventory, fakes, RunLog.create(logs.resolve("plan.log"), CLOCK), runner)) {
            ClusterValues values = ClusterValues.of(inventory, resolver(inventory), KeptSecrets.read(inventory, hosts));
            return clusterApply(inventory, hosts, runner).dryRun(values, SilentListener.INSTANCE);
        }
    }

    /** As apply --prune does: the hosts the servers' record names and the inventory no longer does, removed in step 6. */
    private ClusterApply clusterApply(Inventory inventory, ConnectedHosts hosts, WaveRunner runner) throws InterruptedException {
        return new ClusterApply(inventory, resolver(inventory), hosts, runner, Duration.ofSeconds(30), CLOCK, probe)
                .removing(RemovedHosts.connect(RemovedHosts.find(inventory, hosts), hosts));
    }

    /** The examples refer to no secret. */
    private static SecretResolver resolver(Inventory inventory) {
        return new InventoryLoader(name -> null).secrets(inventory);
    }
}
