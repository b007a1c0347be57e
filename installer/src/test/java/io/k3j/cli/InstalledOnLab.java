package io.k3j.cli;

import io.k3j.lab.Lab;
import java.nio.file.Path;
import java.util.Map;

/**
 * A cluster a lab test's first test installed, as the tests after it find it: its lab, the inventory
 * and kubeconfig in the class's shared folder ({@code temp}, which holds the run logs too), and the
 * variables its secrets are read from.
 */
record InstalledOnLab(Lab lab, Path inventory, Path kubeconfig, Path temp, Map<String, String> variables) {

    /** The cluster of {@code temp/inventory.yaml}, its kubeconfig at {@code temp/kubeconfig}. */
    static InstalledOnLab in(Lab lab, Path temp, Map<String, String> variables) {
        return new InstalledOnLab(lab, temp.resolve("inventory.yaml"), temp.resolve("kubeconfig"), temp, variables);
    }
}
