package io.k3j.wizard;

import java.util.List;

/** Step 4: the worker hosts. */
final class WorkersPage {

    private WorkersPage() {
    }

    static Page create(Ask ask) {
        return new Page(Step.WORKERS, List.of(
                ask.hosts(Keys.WORKERS, "spec.workers.hosts", "Worker hosts (empty: none)",
                        "IP addresses or DNS names, separated by commas or spaces; NAME=ADDRESS sets a node name. "
                                + "A host is a server or a worker, not both.", answers -> "")));
    }
}
