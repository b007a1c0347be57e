package io.k3j.backup;

import io.k3j.inventory.Datastore;
import io.k3j.render.YamlString;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * {@code backup.yaml}: what a backup is of. The cluster, when it was taken, the sha256 of the
 * inventory it was taken with, the K3s version the first server ran, the datastore's type, the
 * name of its dump and where the dump came from (empty in a backup of an earlier version, which
 * did not say). Written with {@link YamlString}, read back with SnakeYAML's safe loader.
 */
public record BackupManifest(String cluster, Instant created, String inventorySha256, String k3sVersion,
                             Datastore.Type datastore, String dumpFile, Optional<Origin> origin) {
    public static final String FILE = "backup.yaml";
    static final String FORMAT = "k3j-backup/v1";

    /**
     * Where the dump was taken: a datastore k3j-install provisioned, dumped on its host, or an
     * existing one ({@code spec.datastore.endpoint}), dumped from {@code host}, the first server.
     */
    public record Origin(boolean existing, String host) {
        String kind() {
            return existing ? "existing" : "provisioned";
        }
    }

    public String render() {
        return "# A backup of a K3s cluster by k3j-install: restore it with 'k3j-install restore INVENTORY <this folder>'.\n"
                + "format: " + YamlString.quote(FORMAT) + "\n"
                + "cluster: " + YamlString.quote(cluster) + "\n"
                + "created: " + YamlString.quote(created.toString()) + "\n"
                + "inventorySha256: " + YamlString.quote(inventorySha256) + "\n"
                + "k3sVersion: " + YamlString.quote(k3sVersion) + "\n"
                + "datastore: " + YamlString.quote(datastore.name()) + "\n"
                + "dump: " + YamlString.quote(dumpFile) + "\n"
                + origin.map(from -> "datastoreOrigin: " + YamlString.quote(from.kind()) + "\n"
                        + "dumpedOn: " + YamlString.quote(from.host()) + "\n").orElse("");
    }

    /** The manifest in {@code text}, or empty when it is not one this version wrote (the caller says where). */
    public static Optional<BackupManifest> parse(String text) {
        try {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(text);
            if (!(loaded instanceof Map<?, ?> map) || !FORMAT.equals(map.get("format"))) {
                return Optional.empty();
            }
            Datastore.Type type = Datastore.Type.valueOf(string(map, "datastore"));
            return Optional.of(new BackupManifest(string(map, "cluster"), Instant.parse(string(map, "created")),
                    string(map, "inventorySha256"), string(map, "k3sVersion"), type, string(map, "dump"), origin(map)));
        } catch (YAMLException | IllegalArgumentException | java.time.format.DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private static Optional<Origin> origin(Map<?, ?> map) {
        if (!map.containsKey("datastoreOrigin")) {
            return Optional.empty();
        }
        String kind = string(map, "datastoreOrigin");
        if (!kind.equals("existing") && !kind.equals("provisioned")) {
            throw new IllegalArgumentException("datastoreOrigin " + kind);
        }
        return Optional.of(new Origin(kind.equals("existing"), string(map, "dumpedOn")));
    }

    private static String string(Map<?, ?> map, String key) {
        if (map.get(key) instanceof String value) {
            return value;
        }
        throw new IllegalArgumentException("no " + key);
    }
}
