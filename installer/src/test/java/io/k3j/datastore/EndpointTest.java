package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.datastore.Endpoint.HostPort;
import org.junit.jupiter.api.Test;

class EndpointTest {

    @Test
    void postgresWithEverything() {
        Endpoint endpoint = Endpoint.parse("postgres://k3s:p%40ss@198.51.100.5:5433/K3S?sslmode=verify-full");

        assertThat(endpoint.type()).isEqualTo(Endpoint.Type.POSTGRES);
        assertThat(endpoint.servers()).containsExactly(new HostPort("postgres", "198.51.100.5", 5433));
        assertThat(endpoint.user()).contains("k3s");
        assertThat(endpoint.password()).contains("p@ss");
        assertThat(endpoint.database()).as("postgres lower-cases names").isEqualTo("k3s");
    }

    @Test
    void postgresDefaultsToPort5432AndDatabaseKubernetes() {
        Endpoint endpoint = Endpoint.parse("postgres://k3s:pw@db.example.com");

        assertThat(endpoint.servers()).containsExactly(new HostPort("postgres", "db.example.com", 5432));
        assertThat(endpoint.database()).isEqualTo("kubernetes");
    }

    @Test
    void mysqlInTheGoDriverForm() {
        Endpoint endpoint = Endpoint.parse("mysql://k3s:pw@tcp(198.51.100.6:3307)/k3s");

        assertThat(endpoint.type()).isEqualTo(Endpoint.Type.MYSQL);
        assertThat(endpoint.servers()).containsExactly(new HostPort("mysql", "198.51.100.6", 3307));
        assertThat(endpoint.user()).contains("k3s");
        assertThat(endpoint.password()).contains("pw");
        assertThat(endpoint.database()).isEqualTo("k3s");
    }

    @Test
    void mysqlWithoutPortOrDatabase() {
        Endpoint endpoint = Endpoint.parse("mysql://k3s:pw@tcp(db.example.com)/");

        assertThat(endpoint.servers()).containsExactly(new HostPort("mysql", "db.example.com", 3306));
        assertThat(endpoint.database()).isEqualTo("kubernetes");
    }

    @Test
    void etcdWithSeveralMembers() {
        Endpoint endpoint = Endpoint.parse("https://198.51.100.7:2379,https://198.51.100.8:2379,https://198.51.100.9");

        assertThat(endpoint.type()).isEqualTo(Endpoint.Type.ETCD);
        assertThat(endpoint.servers()).containsExactly(
                new HostPort("https", "198.51.100.7", 2379),
                new HostPort("https", "198.51.100.8", 2379),
                new HostPort("https", "198.51.100.9", 2379));
    }

    @Test
    void noSchemeIsRefusedWithKinesMessage() {
        assertThatThrownBy(() -> Endpoint.parse("198.51.100.5:5432"))
                .hasMessageContaining("endpoint should be a DSN URI in the format <scheme>://<authority>");
    }

    @Test
    void anUnknownSchemeIsRefused() {
        assertThatThrownBy(() -> Endpoint.parse("oracle://x@y/z")).hasMessageContaining("unknown datastore scheme 'oracle'");
    }

    @Test
    void mysqlInUrlFormIsRefusedWithTheRightForm() {
        assertThatThrownBy(() -> Endpoint.parse("mysql://k3s:pw@198.51.100.6:3306/k3s"))
                .hasMessageContaining("mysql://user:password@tcp(host:3306)/database");
    }

    @Test
    void aMalformedEndpointIsReportedWithoutItsPassword() {
        assertThatThrownBy(() -> Endpoint.parse("postgres://k3s:Secr3t pw@db.example.com:5432/k3s"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not a valid URI (illegal character in authority)")
                .message().doesNotContain("Secr3t");
        assertThatThrownBy(() -> Endpoint.parse("https://root:Secr3t@db.example.com:2379,https://:Secr3t@:2379"))
                .message().doesNotContain("Secr3t");
    }
}
