package io.k3j.wizard;

import io.k3j.inventory.Datastore;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Step 1: the datastore, existing (endpoint, password, TLS) or provisioned on a host (etcd: one, three or five hosts). */
final class DatastorePage {

    private DatastorePage() {
    }

    static Page create(Ask ask) {
        List<String> types = Arrays.stream(Datastore.Type.values()).map(Enum::name).toList();
        return new Page(Step.DATASTORE, List.of(
                ask.choice(Keys.DATASTORE_TYPE, "Datastore type",
                        "postgres (PostgreSQL), mysql (MySQL or MariaDB) or etcd. K3s talks to it through kine.",
                        types, answers -> Datastore.Type.postgres.name()),
                ask.choice(Keys.DATASTORE_MODE, "Does it exist already, or should k3j-install set it up",
                        "existing: you run it and give its endpoint (checked from a server host at apply); "
                                + "provision: k3j-install installs it on a host of yours.",
                        DatastoreMode.CHOICES, answers -> DatastoreMode.PROVISION),
                ask.text(Keys.DATASTORE_HOST, "spec.datastore.provision.host", "Host to set the datastore up on",
                        "Its IP address or DNS name (NAME=ADDRESS sets its name, which its certificate names too): a host "
                                + "of its own, not a server, worker or HAProxy host. PostgreSQL and MySQL are set up on one "
                                + "host, as their replication is not built yet: when it stops, the control plane stops with "
                                + "it. etcd can be set up on three or five hosts instead.",
                        // An answers file written for etcd gives datastore.hosts: one host is taken, several are refused by name.
                        answers -> answers.get(Keys.DATASTORE_HOSTS).orElse(null), HostList::oneHost)
                        .when(DatastorePage::provision).when(DatastorePage::sql).testingHosts(),
                ask.hosts(Keys.DATASTORE_HOSTS, "spec.datastore.provision", "Hosts to set etcd up on (three or five, or one)",
                        "IP addresses or DNS names, separated by commas or spaces; NAME=ADDRESS sets a member's name. Hosts "
                                + "of their own: not servers, workers or HAProxy hosts. Why three: an etcd cluster stays "
                                + "writable while a majority of its members runs, so three survive one host down and five "
                                + "survive two; an even count adds no tolerance (four survive one, as three do), so it is "
                                + "refused. One host is a single point of failure: when it stops, every server loses its "
                                + "datastore and the whole control plane stops.",
                        // An answers file or draft from before datastore.hosts gives the one host as datastore.host.
                        answers -> answers.get(Keys.DATASTORE_HOST).orElse(null))
                        .when(DatastorePage::provision).when(DatastorePage::etcd),
                ask.text(Keys.DATASTORE_DATABASE, "spec.datastore.provision.database", "Database name",
                        "The database K3s keeps its state in.", Datastore.Provision.DEFAULT_DATABASE)
                        .when(DatastorePage::provision).when(DatastorePage::sql),
                ask.text(Keys.DATASTORE_USER, "spec.datastore.provision.user", "Database user",
                        "The user K3s logs in as; it may log in from the server hosts only.", Datastore.Provision.DEFAULT_USER)
                        .when(DatastorePage::provision).when(DatastorePage::sql),
                ask.text(Keys.DATASTORE_ENDPOINT, "spec.datastore.endpoint", "Endpoint, without the password",
                        "As K3s' datastore-endpoint: postgres://user@host:5432/database, mysql://user@tcp(host:3306)/database, "
                                + "or for etcd https://host:2379 (several separated by commas). The password is asked next.",
                        answers -> null, DatastorePage::withoutPassword).when(DatastorePage::existing),
                ask.secret(Keys.DATASTORE_PASSWORD, "spec.datastore.endpoint", "Database password (empty: none)",
                        "The password of the endpoint's user. Type it (kept in a 0600 file next to the inventory), "
                                + "or give ${env:NAME} or ${file:PATH}.")
                        .when(DatastorePage::existing).when(DatastorePage::sql)
                        .when(answers -> EndpointPassword.namesUser(answers.get(Keys.DATASTORE_ENDPOINT, ""))),
                ask.secret(Keys.DATASTORE_PASSWORD, "spec.datastore.provision.password", "Database password (empty: generated)",
                        "Empty: generated on the first apply. Type it (kept in a 0600 file next to the inventory), "
                                + "or give ${env:NAME} or ${file:PATH}.")
                        .when(DatastorePage::provision).when(DatastorePage::sql),
                ask.yesNo(Keys.DATASTORE_USE_TLS, "Does K3s reach it over TLS with a CA of yours",
                        "Yes when the datastore's certificate is signed by your own CA, or it wants client certificates.",
                        false).when(DatastorePage::existing),
                ask.path(Keys.DATASTORE_CA, "spec.datastore.tls.caFile", "CA certificate file",
                        "The CA that signed the datastore's certificate (relative to the inventory's folder).", null)
                        .when(DatastorePage::existing).when(answers -> answers.yes(Keys.DATASTORE_USE_TLS)),
                ask.path(Keys.DATASTORE_CERT, "spec.datastore.tls.certFile", "Client certificate file (empty: none)",
                        "A client certificate, when the datastore asks for one; then its key is asked next.", "")
                        .when(DatastorePage::existing).when(answers -> answers.yes(Keys.DATASTORE_USE_TLS)),
                ask.path(Keys.DATASTORE_KEY, "spec.datastore.tls.keyFile", "Client key file",
                        "The private key of that client certificate.", null)
                        .when(DatastorePage::existing).when(answers -> answers.yes(Keys.DATASTORE_USE_TLS))
                        .when(answers -> answers.given(Keys.DATASTORE_CERT).isPresent())));
    }

    private static boolean provision(Answers answers) {
        return answers.is(Keys.DATASTORE_MODE, DatastoreMode.PROVISION);
    }

    private static boolean existing(Answers answers) {
        return answers.is(Keys.DATASTORE_MODE, DatastoreMode.EXISTING);
    }

    private static boolean sql(Answers answers) {
        return !etcd(answers);
    }

    private static boolean etcd(Answers answers) {
        return answers.is(Keys.DATASTORE_TYPE, Datastore.Type.etcd.name());
    }

    private static Optional<String> withoutPassword(String endpoint) {
        return EndpointPassword.hasPassword(endpoint)
                ? Optional.of("leave the password out of the endpoint: it is asked next, masked, and kept out of the inventory")
                : Optional.empty();
    }
}
