package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.BootstrapCipher;
import io.k3j.k3sdouble.kine.KineRow;
import io.k3j.k3sdouble.kine.KeyValueStore;
import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The cluster's shared secrets in the datastore, encrypted with the token (pkg/cluster/storage.go):
 * the first server creates them, every later server with the same token reads the same ones, a
 * server with another token fails with K3s' error.
 */
final class BootstrapStore {
    private final KeyValueStore kine;
    private final Log log;

    BootstrapStore(KeyValueStore kine, Log log) {
        this.kine = kine;
        this.log = log;
    }

    /** The cluster's CAs, made now if this is the first server. */
    ClusterSecrets loadOrCreate(String password) throws SQLException {
        String key = BootstrapCipher.storageKey(password);
        Optional<KineRow> stored = kine.get(key);
        if (stored.isEmpty() && kine.list("/bootstrap/").stream().anyMatch(row -> !row.name().equals(key))) {
            // getBootstrapKeyFromStorage: data under another token's key means another token.
            throw new BootstrapCipher.WrongTokenException();
        }
        if (stored.isEmpty()) {
            Instant now = Instant.now();
            ClusterSecrets created = new ClusterSecrets(CertificateAuthority.create("k3s-server-ca", now),
                    CertificateAuthority.create("k3s-client-ca", now));
            log.info("Saving cluster bootstrap data to datastore");
            if (kine.create(key, BootstrapCipher.encrypt(password, serialise(created)))) {
                return created;
            }
            // Another server saved it first: use theirs.
            stored = kine.get(key);
        }
        return deserialise(BootstrapCipher.decrypt(password, stored.orElseThrow().value()));
    }

    /**
     * {@code k3s token rotate} on the datastore (pkg/cluster RotateBootstrapToken): the bootstrap data
     * decrypted with the old token is saved under the new token's key, encrypted with it, and the old
     * key goes, so a server started later with the old token fails with K3s' "different token" error.
     */
    void rotate(String oldPassword, String newPassword) throws SQLException {
        String oldKey = BootstrapCipher.storageKey(oldPassword);
        KineRow stored = kine.get(oldKey).orElseThrow(() -> new SQLException("bootstrap data for the current token not found"));
        byte[] data = BootstrapCipher.decrypt(oldPassword, stored.value());
        String newKey = BootstrapCipher.storageKey(newPassword);
        if (!newKey.equals(oldKey)) {
            if (!kine.create(newKey, BootstrapCipher.encrypt(newPassword, data))) {
                throw new SQLException("bootstrap data for the new token exists already");
            }
            kine.delete(oldKey, stored.revision());
        }
    }

    /** The files by the names K3s' bootstrap data uses for them (pkg/bootstrap). */
    private static byte[] serialise(ClusterSecrets secrets) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("ServerCA", Pem.certificate(secrets.serverCa().certificate()));
        files.put("ServerCAKey", Pem.privateKey(secrets.serverCa().key()));
        files.put("ClientCA", Pem.certificate(secrets.clientCa().certificate()));
        files.put("ClientCAKey", Pem.privateKey(secrets.clientCa().key()));
        return new Yaml().dump(files).getBytes(StandardCharsets.UTF_8);
    }

    private static ClusterSecrets deserialise(byte[] data) {
        Map<String, String> files = new Yaml(new SafeConstructor(new LoaderOptions())).load(new String(data, StandardCharsets.UTF_8));
        return new ClusterSecrets(
                new CertificateAuthority(Pem.readCertificate(files.get("ServerCA")), Pem.readPrivateKey(files.get("ServerCAKey"))),
                new CertificateAuthority(Pem.readCertificate(files.get("ClientCA")), Pem.readPrivateKey(files.get("ClientCAKey"))));
    }
}
