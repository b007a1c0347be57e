package io.k3j.cli;

import io.k3j.inventory.Inventory;
import io.k3j.kubeconfig.Kubeconfig;
import io.k3j.kubeconfig.KubeconfigFile;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the operator's kubeconfig is written and how: shared by apply, kubeconfig and certificates rotate. */
public class KubeconfigOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE",
            description = "Where to write the cluster's kubeconfig (mode 0600; default: <cluster>.kubeconfig next to the inventory).")
    Path kubeconfig;

    @Option(names = "--merge-kubeconfig", description = "Merge into the kubeconfig file there instead of replacing it.")
    boolean merge;

    /** --kubeconfig, else {@code <cluster>.kubeconfig} beside the inventory. */
    Path path(Inventory valid) {
        return kubeconfig != null ? kubeconfig : valid.directory().resolve(valid.name() + ".kubeconfig");
    }

    /** Writes it where {@link #path} says, merged with --merge-kubeconfig; returns where. */
    Path write(Inventory valid, Kubeconfig content) {
        Path written = path(valid);
        KubeconfigFile.write(written, content, merge);
        return written;
    }
}
