package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.pki.PemSslSocketFactory;
import io.k3j.k3sdouble.pki.PemTlsSocketPlugin;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SqlEndpointTest {
    private final DatastoreTls tls = new DatastoreTls(Optional.of(Path.of("/tls/ca.crt")), Optional.of(Path.of("/tls/client.crt")),
            Optional.of(Path.of("/tls/client.key")));

    @Test
    void postgresGetsKinesTlsParametersReadAsPem() {
        SqlEndpoint endpoint = SqlEndpoint.parse("postgres://k3s:pw@10.213.0.10:5432/k3s").withTls(tls);

        assertThat(endpoint.properties()).containsEntry("user", "k3s").containsEntry("password", "pw")
                .containsEntry("sslmode", "verify-full").containsEntry("sslrootcert", "/tls/ca.crt")
                .containsEntry("sslcert", "/tls/client.crt").containsEntry("sslkey", "/tls/client.key")
                .containsEntry("sslfactory", PemSslSocketFactory.class.getName());
    }

    @Test
    void noTlsFilesLeaveTheConnectionPlain() {
        SqlEndpoint endpoint = SqlEndpoint.parse("postgres://k3s:pw@10.213.0.10:5432/k3s");

        assertThat(endpoint.withTls(new DatastoreTls(Optional.empty(), Optional.empty(), Optional.empty()))).isSameAs(endpoint);
    }

    @Test
    void mysqlGetsTheCaAndClientCertificateForItsTlsPlugin() {
        SqlEndpoint endpoint = SqlEndpoint.parse("mysql://k3s:pw@tcp(10.213.0.10:3306)/").withTls(tls);

        assertThat(endpoint.properties()).containsEntry("user", "k3s").containsEntry("sslMode", "verify-full")
                .containsEntry("tlsSocketType", PemTlsSocketPlugin.TYPE).containsEntry("serverSslCert", "/tls/ca.crt")
                .containsEntry(PemTlsSocketPlugin.CERT_FILE, "/tls/client.crt").containsEntry(PemTlsSocketPlugin.KEY_FILE, "/tls/client.key");
    }

    @Test
    void postgresUserInfoIsPercentDecodedUpToItsLastAtSignAndAPlusStaysAPlus() {
        SqlEndpoint endpoint = SqlEndpoint.parse("postgres://k3s:a+b%2Bc%40203.0.113.66%3A5432%2Fx%3Fa%3D@198.51.100.5:5433/K3S?sslmode=disable");

        assertThat(endpoint.properties()).containsEntry("user", "k3s").containsEntry("password", "a+b+c@203.0.113.66:5432/x?a=");
        assertThat(endpoint.host()).isEqualTo("198.51.100.5");
        assertThat(endpoint.port()).isEqualTo(5433);
        assertThat(endpoint.database()).isEqualTo("k3s");
        assertThat(SqlEndpoint.parse("postgres://k3s:p@ss@198.51.100.5/k3s").properties()).containsEntry("password", "p@ss");
    }

    @Test
    void mysqlSplitsAsParseDsnDoesAndDecodesNothing() {
        SqlEndpoint endpoint = SqlEndpoint.parse("mysql://k3s:p@ss:w/rd%21@tcp(198.51.100.6:3307)/k3s?timeout=5s");

        assertThat(endpoint.properties()).containsEntry("user", "k3s").containsEntry("password", "p@ss:w/rd%21");
        assertThat(endpoint.host()).isEqualTo("198.51.100.6");
        assertThat(endpoint.port()).isEqualTo(3307);
        assertThat(endpoint.database()).isEqualTo("k3s");
        assertThat(SqlEndpoint.parse("mysql://k3s:pw@tcp(198.51.100.6)/").database()).isEqualTo("kubernetes");
    }
}
