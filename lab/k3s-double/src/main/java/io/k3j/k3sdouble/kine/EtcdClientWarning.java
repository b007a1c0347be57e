package io.k3j.k3sdouble.kine;

import io.k3j.k3sdouble.Json;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpConnectTimeoutException;
import java.security.cert.CertificateException;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What K3s logs while its etcd client cannot reach an external etcd: the client's own zap JSON
 * line, {@code "msg":"retrying of unary invoker failed"}, with gRPC's error for the failed dial or
 * handshake (line format as in k3s-io/k3s#13012's log; TLS words from Go's crypto/tls). The
 * double's IO failures are translated into those words.
 */
public final class EtcdClientWarning {
    private static final Pattern ALERT = Pattern.compile("Received fatal alert: (\\w+)");
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSZ");

    private EtcdClientWarning() {
    }

    /** gRPC's error for a call to {@code endpoint} that failed with {@code failure}. */
    public static String error(URI endpoint, IOException failure) {
        String address = endpoint.getHost() + ":" + endpoint.getPort();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof CertificateException && String.valueOf(cause.getMessage()).startsWith("x509: ")) {
                return unavailable("transport: authentication handshake failed: tls: failed to verify certificate: " + cause.getMessage());
            }
            Matcher alert = ALERT.matcher(String.valueOf(cause.getMessage()));
            if (alert.find()) {
                // The server refused our certificate (or its absence) after the handshake: TLS 1.3 reports it on the first read.
                return "rpc error: code = Unavailable desc = connection error: desc = \"error reading server preface: remote error: tls: "
                        + alert.group(1).replace('_', ' ') + "\"";
            }
            if (String.valueOf(cause.getMessage()).contains("Remote host terminated the handshake")) {
                // The server closed mid-handshake; its alert, if any, was lost to the reset (Go reads EOF then).
                return unavailable("transport: authentication handshake failed: EOF");
            }
            if (cause instanceof ConnectException) {
                return unavailable("transport: Error while dialing: dial tcp " + address + ": connect: connection refused");
            }
            if (cause instanceof HttpConnectTimeoutException) {
                return unavailable("transport: Error while dialing: dial tcp " + address + ": i/o timeout");
            }
        }
        return unavailable("transport: " + failure.getMessage());
    }

    /** The etcd client's warning line for a failed call to {@code target}. */
    public static String line(URI target, String error, ZonedDateTime now) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("level", "warn");
        fields.put("ts", TIME.format(now));
        fields.put("logger", "etcd-client");
        fields.put("caller", "v3@v3.5.16-k3s1/retry_interceptor.go:63");
        fields.put("msg", "retrying of unary invoker failed");
        fields.put("target", "etcd-endpoints://0xc000a2c000/" + target.getHost() + ":" + target.getPort());
        fields.put("method", "/etcdserverpb.KV/Range");
        fields.put("attempt", 0);
        fields.put("error", error);
        return Json.write(fields);
    }

    public static String line(URI target, String error) {
        return line(target, error, ZonedDateTime.now(ZoneId.systemDefault()));
    }

    private static String unavailable(String description) {
        return "rpc error: code = DeadlineExceeded desc = latest balancer error: last connection error: connection error: desc = \""
                + description + "\"";
    }
}
