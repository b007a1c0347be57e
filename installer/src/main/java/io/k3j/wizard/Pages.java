package io.k3j.wizard;

import java.util.List;

/** The wizard's pages in order: the cluster, then the four steps. */
final class Pages {

    private Pages() {
    }

    static List<Page> all(AnswerCheck check) {
        Ask ask = new Ask(check);
        return List.of(ClusterPage.create(ask), DatastorePage.create(ask), ServersPage.create(ask),
                RegistrationPage.create(ask), WorkersPage.create(ask));
    }
}
