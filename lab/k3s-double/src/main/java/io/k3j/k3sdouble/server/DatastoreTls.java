package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.ConfigArgs;
import io.k3j.k3sdouble.pki.ClientTls;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * {@code --datastore-cafile}, {@code --datastore-certfile}, {@code --datastore-keyfile} (config.yaml
 * keys of the same names, else {@code K3S_DATASTORE_CAFILE|CERTFILE|KEYFILE}): the files K3s hands
 * to kine as its BackendTLSConfig (pkg/cli/server/server.go; k3s-io/kine pkg/endpoint/endpoint.go).
 */
public record DatastoreTls(Optional<Path> caFile, Optional<Path> certFile, Optional<Path> keyFile) {

    public static DatastoreTls from(Map<String, List<String>> settings, Map<String, String> environment) {
        return new DatastoreTls(file(settings, environment, "cafile"), file(settings, environment, "certfile"),
                file(settings, environment, "keyfile"));
    }

    private static Optional<Path> file(Map<String, List<String>> settings, Map<String, String> environment, String kind) {
        return ConfigArgs.value(settings, "datastore-" + kind)
                .or(() -> Optional.ofNullable(environment.get("K3S_DATASTORE_" + kind.toUpperCase())))
                .filter(value -> !value.isBlank()).map(Path::of);
    }

    /** kine's tls.Config.ClientConfig: no TLS settings of its own when none of the three files is given. */
    public boolean configured() {
        return caFile.isPresent() || certFile.isPresent() || keyFile.isPresent();
    }

    public SSLContext sslContext() throws IOException, GeneralSecurityException {
        return ClientTls.context(caFile, certFile, keyFile);
    }
}
