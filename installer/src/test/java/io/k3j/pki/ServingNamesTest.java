package io.k3j.pki;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.testing.ManualClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServingNamesTest {
    @TempDir
    Path temp;

    private Path serving(List<String> names) throws IOException {
        DatastoreCertificates made = new CertificateIssuer(new ManualClock(), new SecureRandom()).issue("edge", names, "k3s");
        return Files.writeString(temp.resolve("server.pem"), made.server().certificate());
    }

    @Test
    void everyAddressAndNameTheCertificateHoldsIsFoundHoweverAnAddressIsWritten() throws IOException {
        Path certificate = serving(List.of("198.51.100.5", "2001:db8::6", "db1.example.com"));

        assertThat(ServingNames.missing(certificate, List.of("198.51.100.5", "2001:0db8:0:0::6", "DB1.example.com"))).isEmpty();
    }

    @Test
    void theNamesItDoesNotHoldAreSaidAndANameIsNeverTakenForAnAddress() throws IOException {
        Path certificate = serving(List.of("198.51.100.5", "db1"));

        assertThat(ServingNames.missing(certificate, List.of("198.51.100.5", "198.51.100.6", "db1", "db2", "198.51.100.7")))
                .containsExactly("198.51.100.6", "db2", "198.51.100.7");
    }
}
