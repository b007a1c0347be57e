package io.k3j.wizard;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.K3sSettings;
import io.k3j.inventory.Registration;
import io.k3j.inventory.Servers;
import io.k3j.inventory.SshSettings;
import java.util.List;
import java.util.Optional;

/**
 * The inventory the answers describe, as commented YAML: the file apply reads. Answers not given
 * yet are left out (validation then names what is missing), and so are answers of a branch not
 * taken (an endpoint when the datastore is provisioned): only what the last choices need is written.
 */
public final class InventoryYaml {

    private InventoryYaml() {
    }

    public static String render(Answers answers) {
        YamlWriter yaml = new YamlWriter()
                .comment(0, "A K3s HA cluster, written by 'k3j-install wizard'. Check it with 'k3j-install validate',")
                .comment(0, "see what apply would do with 'k3j-install plan', edit it with 'k3j-install wizard --from'.")
                .comment(0, "Reference: docs/inventory.md. Secrets are ${env:NAME} or ${file:PATH} references.")
                .value(0, "apiVersion", Inventory.API_VERSION)
                .value(0, "kind", Inventory.KIND)
                .section(0, "metadata");
        answers.get(Keys.NAME).ifPresent(name -> yaml.value(1, "name", name));
        yaml.section(0, "spec");
        ssh(yaml, answers);
        k3s(yaml, answers);
        datastore(yaml, answers);
        servers(yaml, answers);
        registration(yaml, answers);
        workers(yaml, answers);
        return yaml.toString();
    }

    private static void ssh(YamlWriter yaml, Answers answers) {
        yaml.comment(1, "How every host is reached over SSH.").section(1, "ssh");
        yaml.value(2, "user", answers.get(Keys.SSH_USER, SshSettings.DEFAULT_USER));
        answers.get(Keys.SSH_PORT).filter(port -> !port.equals(String.valueOf(SshSettings.DEFAULT_PORT)))
                .ifPresent(port -> yaml.number(2, "port", port));
        answers.given(Keys.SSH_KEY).ifPresent(key -> yaml.value(2, "keyPath", key));
        answers.given(Keys.SSH_KNOWN_HOSTS).filter(file -> !file.equals(SshSettings.DEFAULT_KNOWN_HOSTS))
                .ifPresent(file -> yaml.value(2, "knownHosts", file));
        answers.given(Keys.SSH_SUDO_PASSWORD).ifPresent(password -> yaml.value(2, "sudoPassword", password));
    }

    private static void k3s(YamlWriter yaml, Answers answers) {
        yaml.section(1, "k3s");
        answers.get(Keys.K3S_VERSION).ifPresent(version -> yaml.value(2, "version", version));
        String install = answers.get(Keys.K3S_INSTALL, K3sSettings.InstallMethod.download.name());
        if (!install.equals(K3sSettings.InstallMethod.download.name())) {
            yaml.value(2, "install", install);
        }
        if (install.equals(K3sSettings.InstallMethod.download.name())) {
            answers.given(Keys.K3S_MIRROR).filter(mirror -> !mirror.equals(K3sSettings.DEFAULT_MIRROR))
                    .ifPresent(mirror -> yaml.value(2, "mirror", mirror));
        }
        if (install.equals(K3sSettings.InstallMethod.airgap.name())) {
            yaml.section(2, "airgap");
            answers.get(Keys.K3S_AIRGAP_BINARY).ifPresent(binary -> yaml.value(3, "binary", binary));
            answers.get(Keys.K3S_AIRGAP_IMAGES).ifPresent(images -> yaml.value(3, "images", images));
        }
        Optional<String> token = answers.given(Keys.K3S_TOKEN);
        if (token.isPresent()) {
            yaml.value(2, "token", token.get());
        } else {
            yaml.comment(2, "token: generated on the first apply, then read back from the servers");
        }
    }

    private static void datastore(YamlWriter yaml, Answers answers) {
        yaml.blank().comment(1, Step.DATASTORE.why()).section(1, "datastore");
        Optional<String> type = answers.get(Keys.DATASTORE_TYPE);
        type.ifPresent(value -> yaml.value(2, "type", value));
        boolean sql = type.filter(value -> !value.equals(Datastore.Type.etcd.name())).isPresent();
        if (answers.is(Keys.DATASTORE_MODE, DatastoreMode.PROVISION)) {
            yaml.section(2, "provision");
            if (answers.is(Keys.DATASTORE_TYPE, Datastore.Type.etcd.name())) {
                etcdMembers(yaml, answers);
            } else {
                answers.get(Keys.DATASTORE_HOST).map(host -> HostList.Entry.parse(host.trim())).ifPresent(host -> {
                    yaml.section(3, "host").value(4, "address", host.address());
                    host.name().ifPresent(name -> yaml.value(4, "name", name));
                });
            }
            if (sql) {
                answers.get(Keys.DATASTORE_DATABASE).ifPresent(database -> yaml.value(3, "database", database));
                answers.get(Keys.DATASTORE_USER).ifPresent(user -> yaml.value(3, "user", user));
                answers.given(Keys.DATASTORE_PASSWORD).ifPresentOrElse(password -> yaml.value(3, "password", password),
                        () -> yaml.comment(3, "password: generated on the first apply"));
            }
            return;
        }
        if (answers.is(Keys.DATASTORE_MODE, DatastoreMode.EXISTING)) {
            answers.get(Keys.DATASTORE_ENDPOINT).ifPresent(endpoint -> yaml.value(2, "endpoint",
                    EndpointPassword.join(endpoint, sql ? answers.given(Keys.DATASTORE_PASSWORD) : Optional.empty())));
            if (answers.yes(Keys.DATASTORE_USE_TLS)) {
                yaml.section(2, "tls");
                answers.get(Keys.DATASTORE_CA).ifPresent(file -> yaml.value(3, "caFile", file));
                answers.given(Keys.DATASTORE_CERT).ifPresent(file -> yaml.value(3, "certFile", file));
                answers.given(Keys.DATASTORE_KEY).ifPresent(file -> yaml.value(3, "keyFile", file));
            }
        }
    }

    /** One member as provision.host; several as provision.hosts, with what such a cluster survives. */
    private static void etcdMembers(YamlWriter yaml, Answers answers) {
        List<HostList.Entry> members = HostList.of(answers, Keys.DATASTORE_HOSTS).entries();
        if (members.size() == 1) {
            HostList.Entry member = members.get(0);
            yaml.section(3, "host").value(4, "address", member.address());
            member.name().ifPresent(name -> yaml.value(4, "name", name));
        } else if (members.size() > 1) {
            int majority = members.size() / 2 + 1;
            int survived = members.size() - majority;
            yaml.comment(3, "An etcd cluster of " + members.size() + ": writable while " + majority + " of them run, so it "
                    + "survives " + survived + " host" + (survived == 1 ? "" : "s") + " down.");
            hosts(yaml, 3, answers, Keys.DATASTORE_HOSTS);
        }
    }

    private static void servers(YamlWriter yaml, Answers answers) {
        yaml.blank().comment(1, Step.SERVERS.why()).section(1, "servers");
        if (answers.yes(Keys.DEDICATED)) {
            yaml.flag(2, "dedicatedControlPlane", true)
                    .value(2, "controlPlaneTaint", answers.get(Keys.TAINT, Servers.DEFAULT_TAINT));
        }
        hosts(yaml, 2, answers, Keys.SERVERS);
    }

    private static void registration(YamlWriter yaml, Answers answers) {
        yaml.blank().comment(1, Step.REGISTRATION.why()).section(1, "registration");
        Optional<String> mode = answers.get(Keys.REGISTRATION_MODE);
        mode.ifPresent(value -> yaml.value(2, "mode", value));
        answers.get(Keys.REGISTRATION_ADDRESS).ifPresent(address -> yaml.value(2, "address", address));
        answers.get(Keys.REGISTRATION_PORT).filter(port -> !port.equals(String.valueOf(Registration.DEFAULT_PORT)))
                .ifPresent(port -> yaml.number(2, "port", port));
        if (mode.filter(Registration.Mode.haproxy.name()::equals).isPresent()) {
            yaml.section(2, "haproxy");
            hosts(yaml, 3, answers, Keys.HAPROXY_HOSTS);
            answers.given(Keys.VIP).ifPresent(vip -> yaml.value(3, "vip", vip).value(3, "interface",
                    answers.given(Keys.VIP_INTERFACE).orElse(Registration.Haproxy.DEFAULT_INTERFACE)));
        }
    }

    private static void workers(YamlWriter yaml, Answers answers) {
        yaml.blank().comment(1, Step.WORKERS.why()).section(1, "workers");
        if (answers.list(Keys.WORKERS).isEmpty()) {
            yaml.line(2, "hosts: []");
        } else {
            hosts(yaml, 2, answers, Keys.WORKERS);
        }
    }

    private static void hosts(YamlWriter yaml, int depth, Answers answers, String key) {
        List<HostList.Entry> entries = HostList.of(answers, key).entries();
        if (answers.get(key).isEmpty()) {
            return;
        }
        yaml.section(depth, "hosts");
        for (HostList.Entry entry : entries) {
            yaml.item(depth + 1, "{address: " + YamlWriter.scalar(entry.address())
                    + entry.name().map(name -> ", name: " + YamlWriter.scalar(name)).orElse("") + "}");
        }
    }
}
