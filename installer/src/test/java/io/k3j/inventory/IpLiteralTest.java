package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpLiteralTest {

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.5", "0.0.0.0", "255.255.255.255", "2001:db8::5", "::1", "::", "2001:db8:0:0:0:0:0:1",
            "fe80::1:2:3:4", "::ffff:203.0.113.7", "2001:DB8::A", "1::", "1:2:3:4:5:6::8"})
    void anAddressWrittenOutIsOne(String text) {
        assertThat(IpLiteral.is(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "198.51.100", "198.51.100.256", "01.2.3.4", "198.51.100.5/32", "0.0.0.0/0", "db1.example.com",
            "::::", "1:2:3", "1:2:3:4:5:6:7:8:9", "1::2::3", "2001:db8::5%eth0", "[2001:db8::5]", "12345::", "1:2:3:4:5:6:7::8",
            "198.51.100.5 all", "198.51.100.5\nhost all all 0.0.0.0/0 trust", "203.0.113.7::1", "::ffff:203.0.113.7:1"})
    void anythingElseIsNot(String text) {
        assertThat(IpLiteral.is(text)).isFalse();
    }
}
