package io.k3j.k3sdouble.kine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.URI;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import org.junit.jupiter.api.Test;

class EtcdClientWarningTest {
    private final URI etcd = URI.create("https://10.213.0.10:2379");

    @Test
    void aRefusedConnectionReadsAsGrpcsDialError() {
        assertThat(EtcdClientWarning.error(etcd, new ConnectException())).isEqualTo("rpc error: code = DeadlineExceeded desc = latest "
                + "balancer error: last connection error: connection error: desc = \"transport: Error while dialing: dial tcp "
                + "10.213.0.10:2379: connect: connection refused\"");
    }

    @Test
    void theLineIsTheEtcdClientsZapWarning() {
        String line = EtcdClientWarning.line(etcd, "rpc error: x", ZonedDateTime.of(2026, 12, 1, 14, 0, 0, 123_456_000, ZoneOffset.UTC));

        assertThat(line).isEqualTo("{\"level\":\"warn\",\"ts\":\"2026-12-01T14:00:00.123456+0000\",\"logger\":\"etcd-client\","
                + "\"caller\":\"v3@v3.5.16-k3s1/retry_interceptor.go:63\",\"msg\":\"retrying of unary invoker failed\","
                + "\"target\":\"etcd-endpoints://0xc000a2c000/10.213.0.10:2379\",\"method\":\"/etcdserverpb.KV/Range\",\"attempt\":0,"
                + "\"error\":\"rpc error: x\"}");
    }
}
