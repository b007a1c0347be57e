package io.k3j.wizard;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryPaths;
import io.k3j.inventory.SecretValue;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An existing inventory as answers, the defaults of {@code wizard --from}. What the wizard does not
 * ask (labels, taints, per-host SSH settings, a bastion, K3s settings passed through) is listed by
 * {@link #notCarried}, so the operator knows what to add back by hand.
 */
public final class FromInventory {
    private final Inventory inventory;
    private final boolean sameFolder;

    private FromInventory(Inventory inventory, Path outputFolder) {
        this.inventory = inventory;
        this.sameFolder = inventory.directory().equals(outputFolder);
    }

    /**
     * The inventory's answers for an inventory written in {@code outputFolder}: its relative paths
     * (files, {@code ${file:...}} secrets) stay relative in the same folder, and become absolute elsewhere.
     */
    public static Answers answers(Inventory inventory, Path outputFolder) {
        return new FromInventory(inventory, outputFolder).answers();
    }

    private Answers answers() {
        Map<String, String> answers = new LinkedHashMap<>();
        answers.put(Keys.NAME, inventory.name());
        answers.put(Keys.K3S_VERSION, inventory.k3s().version());
        answers.put(Keys.K3S_INSTALL, inventory.k3s().install().name());
        answers.put(Keys.K3S_MIRROR, inventory.k3s().mirror());
        inventory.k3s().airgap().ifPresent(airgap -> {
            answers.put(Keys.K3S_AIRGAP_BINARY, path(airgap.binary()));
            answers.put(Keys.K3S_AIRGAP_IMAGES, path(airgap.images()));
        });
        answers.put(Keys.K3S_TOKEN, secret(inventory.k3s().token()));
        answers.put(Keys.SSH_USER, inventory.ssh().user());
        answers.put(Keys.SSH_PORT, String.valueOf(inventory.ssh().port()));
        answers.put(Keys.SSH_KEY, inventory.ssh().keyPath().map(this::path).orElse(""));
        answers.put(Keys.SSH_KNOWN_HOSTS, path(inventory.ssh().knownHosts()));
        answers.put(Keys.SSH_SUDO_PASSWORD, secret(inventory.ssh().sudoPassword()));
        datastore(answers);
        answers.put(Keys.SERVERS, hosts(inventory.servers().hosts()));
        answers.put(Keys.DEDICATED, YesNo.format(inventory.servers().dedicatedControlPlane()));
        answers.put(Keys.TAINT, inventory.servers().controlPlaneTaint());
        answers.put(Keys.REGISTRATION_MODE, inventory.registration().mode().name());
        answers.put(Keys.REGISTRATION_ADDRESS, inventory.registration().address());
        answers.put(Keys.REGISTRATION_PORT, String.valueOf(inventory.registration().port()));
        inventory.registration().haproxy().ifPresent(haproxy -> {
            answers.put(Keys.HAPROXY_HOSTS, hosts(haproxy.hosts()));
            answers.put(Keys.VIP, haproxy.vip().orElse(""));
            answers.put(Keys.VIP_INTERFACE, haproxy.vipInterface());
        });
        answers.put(Keys.WORKERS, hosts(inventory.workers().hosts()));
        return Answers.of(answers);
    }

    private void datastore(Map<String, String> answers) {
        Datastore datastore = inventory.datastore();
        answers.put(Keys.DATASTORE_TYPE, datastore.type().name());
        datastore.endpoint().ifPresent(endpoint -> {
            EndpointPassword.Split split = EndpointPassword.split(secret(Optional.of(endpoint)));
            answers.put(Keys.DATASTORE_MODE, DatastoreMode.EXISTING);
            answers.put(Keys.DATASTORE_ENDPOINT, split.endpoint());
            answers.put(Keys.DATASTORE_PASSWORD, split.password().orElse(""));
        });
        answers.put(Keys.DATASTORE_USE_TLS, YesNo.format(datastore.tls().isPresent()));
        datastore.tls().ifPresent(tls -> {
            answers.put(Keys.DATASTORE_CA, path(tls.caFile()));
            answers.put(Keys.DATASTORE_CERT, tls.certFile().map(this::path).orElse(""));
            answers.put(Keys.DATASTORE_KEY, tls.keyFile().map(this::path).orElse(""));
        });
        datastore.provision().ifPresent(provision -> {
            answers.put(Keys.DATASTORE_MODE, DatastoreMode.PROVISION);
            if (datastore.type() == Datastore.Type.etcd) {
                answers.put(Keys.DATASTORE_HOSTS, hosts(provision.hosts()));
            } else {
                answers.put(Keys.DATASTORE_HOST, hosts(List.of(provision.first())));
            }
            answers.put(Keys.DATASTORE_DATABASE, provision.database());
            answers.put(Keys.DATASTORE_USER, provision.user());
            answers.put(Keys.DATASTORE_PASSWORD, secret(provision.password()));
        });
    }

    /** A file the loader resolved. */
    private String path(Path resolved) {
        return sameFolder ? inventory.directory().relativize(resolved).toString() : resolved.toString();
    }

    /** A path as written in the inventory ({@code ~/...}, absolute or relative). */
    private String path(String written) {
        return sameFolder || written.startsWith("~/") ? written : InventoryPaths.resolve(written, inventory.directory()).toString();
    }

    /** The secret as written, its {@code ${file:...}} references rebased like paths. */
    private String secret(Optional<SecretValue> secret) {
        String template = secret.map(SecretValue::template).orElse("");
        for (SecretValue.Reference reference : secret.map(SecretValue::references).orElse(List.of())) {
            if (reference.kind().equals("file")) {
                template = template.replace("${file:" + reference.target() + "}", "${file:" + path(reference.target()) + "}");
            }
        }
        return template;
    }

    /** The settings of {@code inventory} the wizard does not ask for, so it would not write them back. */
    public static List<String> notCarried(Inventory inventory) {
        List<String> lost = new ArrayList<>();
        if (!inventory.k3s().serverConfig().isEmpty() || !inventory.k3s().agentConfig().isEmpty()) {
            lost.add("spec.k3s.serverConfig/agentConfig");
        }
        if (inventory.k3s().agentToken().isPresent()) {
            lost.add("spec.k3s.agentToken");
        }
        if (inventory.datastore().provision().filter(Datastore.Provision::tls).isPresent()) {
            lost.add("spec.datastore.provision.tls");
        }
        if (inventory.ssh().bastion().isPresent() || inventory.ssh().keyPassphrase().isPresent()) {
            lost.add("spec.ssh.bastion/keyPassphrase");
        }
        inventory.allHosts().stream().map(Inventory.RoledHost::host).filter(FromInventory::hasMoreThanAddressAndName)
                .forEach(host -> lost.add("the labels, taints, nodeIp or SSH settings of host " + host.address()));
        return lost;
    }

    private static boolean hasMoreThanAddressAndName(Host host) {
        return !host.labels().isEmpty() || !host.taints().isEmpty() || host.nodeIp().isPresent() || host.user().isPresent()
                || host.port().isPresent() || host.keyPath().isPresent() || host.sudo().isPresent() || host.bastion().isPresent();
    }

    private static String hosts(List<Host> hosts) {
        return HostList.format(hosts.stream().map(host -> new HostList.Entry(host.address(), host.name())).toList());
    }
}
