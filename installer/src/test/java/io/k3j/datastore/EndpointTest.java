package io.k3j.datastore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.datastore.Endpoint.HostPort;
import java.net.URI;
import java.util.List;
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

    /** Passwords that, unencoded, would move the host, the port or the database, or end the user info early. */
    private static final List<String> HOSTILE_PASSWORDS = List.of("Secr3t@203.0.113.66:5432/x?a=", "a:b", "p@ss", "x/y", "q?r#s",
            "50%", "plus+sign", "sp ace", "x@tcp(203.0.113.66:3306)/evil", "back\\slash", "'quote\"", "ünï");

    @Test
    void aProvisionedPostgresUrlKeepsEveryPasswordInTheUserInfo() {
        for (String password : HOSTILE_PASSWORDS) {
            String url = Endpoint.postgresUrl("k3s", password, "198.51.100.5", 5432, "k3s");

            assertReadsBack(url, new HostPort("postgres", "198.51.100.5", 5432), password);
            assertThat(URI.create(url).getRawUserInfo()).as("Go's url.Parse takes the last '@': none may be in the user info")
                    .doesNotContain("@");
        }
    }

    @Test
    void theIssuesPasswordNoLongerSendsTheCredentialsElsewhere() {
        assertThat(Endpoint.postgresUrl("k3s", "Secr3t@203.0.113.66:5432/x?a=", "198.51.100.5", 5432, "k3s"))
                .isEqualTo("postgres://k3s:Secr3t%40203.0.113.66%3A5432%2Fx%3Fa%3D@198.51.100.5:5432/k3s");
    }

    @Test
    void aProvisionedMysqlDsnReadsBackAsGoSqlDriverReadsIt() {
        for (String password : HOSTILE_PASSWORDS) {
            assertReadsBack(Endpoint.mysqlDsn("k3s", password, "198.51.100.6", 3306, "k3s"),
                    new HostPort("mysql", "198.51.100.6", 3306), password);
        }
    }

    private static void assertReadsBack(String endpoint, HostPort server, String password) {
        Endpoint parsed = Endpoint.parse(endpoint);
        assertThat(parsed.servers()).as(endpoint).containsExactly(server);
        assertThat(parsed.password()).as(endpoint).contains(password);
        assertThat(parsed.user()).as(endpoint).contains("k3s");
        assertThat(parsed.database()).as(endpoint).isEqualTo("k3s");
    }

    @Test
    void mysqlSplitsAtTheLastAtSignAsParseDsnDoes() {
        Endpoint endpoint = Endpoint.parse("mysql://k3s:p@ss:w/rd@tcp(198.51.100.6:3306)/k3s?timeout=5s");

        assertThat(endpoint.password()).contains("p@ss:w/rd");
        assertThat(endpoint.servers()).containsExactly(new HostPort("mysql", "198.51.100.6", 3306));
        assertThat(endpoint.database()).isEqualTo("k3s");
    }

    @Test
    void aPlusInPostgresUserInfoIsAPlusNotASpace() {
        assertThat(Endpoint.parse("postgres://k3s:a+b%2Bc@198.51.100.5/k3s").password()).contains("a+b+c");
    }

    @Test
    void ipv6HostsAreBracketedAndReadBackWithout() {
        assertThat(Endpoint.postgresUrl("k3s", "pw", "2001:db8::5", 5432, "k3s")).isEqualTo("postgres://k3s:pw@[2001:db8::5]:5432/k3s");
        assertThat(Endpoint.parse(Endpoint.postgresUrl("k3s", "pw", "2001:db8::5", 5432, "k3s")).servers())
                .containsExactly(new HostPort("postgres", "2001:db8::5", 5432));
        assertThat(Endpoint.parse(Endpoint.mysqlDsn("k3s", "pw", "2001:db8::6", 3306, "k3s")).servers())
                .containsExactly(new HostPort("mysql", "2001:db8::6", 3306));
        assertThat(Endpoint.etcdUrl(true, "2001:db8::7", 2379)).isEqualTo("https://[2001:db8::7]:2379");
    }

    @Test
    void thePasswordAsWrittenIsWhatTheTextHolds() {
        assertThat(Endpoint.passwordAsWritten("postgres://k3s:p%40ss@198.51.100.5/k3s")).contains("p%40ss");
        assertThat(Endpoint.passwordAsWritten("mysql://k3s:p@ss@tcp(198.51.100.6)/k3s")).contains("p@ss");
        assertThat(Endpoint.passwordAsWritten("https://198.51.100.7:2379")).isEmpty();
    }

    @Test
    void anUnclosedIpv6AddressIsABadEndpointNotACrash() {
        assertThatThrownBy(() -> Endpoint.parse("mysql://k3s:pw@tcp([2001:db8::6)/k3s"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not close it");
    }
}
