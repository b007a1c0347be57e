package io.k3j.cli;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.pki.CertificateIssuer;
import io.k3j.pki.KeptCertificates;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * For a datastore k3j-install sets up with {@code provision.tls}: its certificates, kept beside the
 * inventory (made on the first plan or apply, said so once), given to the inventory as the
 * datastore's TLS files, so planning, apply and the datastore check use them as they would an
 * existing datastore's.
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
        KeptCertificates.Kept kept;
        try {
            kept = new KeptCertificates(directory).keepOrMake(() -> new CertificateIssuer(Clock.systemUTC(), new SecureRandom())
                    .issue(valid.name(), servingNames(provision.get().host()), provision.get().user()));
        } catch (IllegalStateException | UncheckedIOException e) {
            throw new CliException(ExitCode.PREFLIGHT_FAILED, e.getMessage() + "; no host was touched");
        }
        if (kept.made()) {
            context.output().event("certificates", "directory", directory.toString());
            context.output().info("Made the datastore's TLS certificates (a CA, " + provision.get().host().address()
                    + "'s serving certificate, K3s' client certificate " + provision.get().user() + ") in " + directory
                    + "; every plan and apply uses them from there. Keep that folder: its CA key never leaves this machine.");
        }
        KeptCertificates.HostFiles files = kept.files();
        return valid.withDatastore(valid.datastore().withMadeTls(
                new Datastore.Tls(files.ca(), Optional.of(files.client()), Optional.of(files.clientKey())),
                new Datastore.Provision.Serving(files.ca(), files.server(), files.serverKey())));
    }

    /** The names the servers reach the datastore host by: its address (as in the endpoint), and its name when given. */
    private static List<String> servingNames(Host host) {
        List<String> names = new ArrayList<>(List.of(host.address()));
        host.name().filter(name -> !name.equals(host.address())).ifPresent(names::add);
        return names;
    }
}
