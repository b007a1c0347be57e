package io.k3j.cli;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.pki.CertificateIssuer;
import io.k3j.pki.KeptCertificates;
import io.k3j.pki.ServingNames;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * For a datastore k3j-install sets up with {@code provision.tls}: its certificates, kept beside the
 * inventory (made on the first plan or apply, said so once), given to the inventory as the
 * datastore's TLS files, so planning, apply and the datastore check use them as they would an
 * existing datastore's. When the datastore hosts change (a member added to an etcd cluster), the
 * serving certificate is made anew with the kept CA, so nothing that trusts the CA changes.
 */
final class DatastoreCertificatesStep {

    private DatastoreCertificatesStep() {
    }

    /** {@code valid} as it is, or with its datastore's certificates; call it only with a valid inventory. */
    static Inventory complete(Inventory valid, CommandContext context) {
        Optional<Datastore.Provision> provision = valid.datastore().provision().filter(Datastore.Provision::tls);
        if (provision.isEmpty()) {
            return valid;
        }
        Path directory = KeptCertificates.directoryFor(valid.directory(), valid.name());
        List<String> names = servingNames(provision.get().hosts());
        KeptCertificates.Kept kept;
        CertificateIssuer issuer = new CertificateIssuer(Clock.systemUTC(), new SecureRandom());
        try {
            KeptCertificates certificates = new KeptCertificates(directory);
            kept = certificates.keepOrMake(() -> issuer.issue(valid.name(), names, provision.get().user()));
            List<String> missing = ServingNames.missing(kept.files().server(), names);
            if (!missing.isEmpty()) {
                certificates.replaceServing(ca -> issuer.reissueServing(ca, names));
                String message = "the datastore's serving certificate kept in " + directory + " did not name " + String.join(", ", missing)
                        + ": made a new one with the kept CA for " + String.join(", ", names) + " (apply puts it on the datastore hosts; "
                        + "K3s' client certificate and the CA stay)";
                context.output().info(message);
                context.output().event("certificates", "directory", directory.toString(), "reissued", missing);
            }
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new CliException(ExitCode.PREFLIGHT_FAILED, e.getMessage() + "; no host was touched");
        }
        if (kept.made()) {
            context.output().event("certificates", "directory", directory.toString());
            context.output().info("Made the datastore's TLS certificates (a CA, the serving certificate of "
                    + String.join(", ", provision.get().hosts().stream().map(Host::address).toList())
                    + ", K3s' client certificate " + provision.get().user() + ") in " + directory
                    + "; every plan and apply uses them from there. Keep that folder: its CA key never leaves this machine.");
        }
        KeptCertificates.HostFiles files = kept.files();
        return valid.withDatastore(valid.datastore().withMadeTls(
                new Datastore.Tls(files.ca(), Optional.of(files.client()), Optional.of(files.clientKey())),
                new Datastore.Provision.Serving(files.ca(), files.server(), files.serverKey())));
    }

    /**
     * The names the servers (and an etcd cluster's members, one another) reach the datastore hosts
     * by: each address (as in the endpoint), and each name when given. The members of an etcd
     * cluster share one certificate, for serving and for their peer connections.
     */
    private static List<String> servingNames(List<Host> hosts) {
        Set<String> names = new LinkedHashSet<>();
        hosts.forEach(host -> names.add(host.address()));
        hosts.forEach(host -> host.name().ifPresent(names::add));
        return List.copyOf(names);
    }
}
