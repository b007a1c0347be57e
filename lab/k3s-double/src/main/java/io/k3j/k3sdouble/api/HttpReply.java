package io.k3j.k3sdouble.api;

import com.sun.net.httpserver.HttpExchange;
import io.k3j.k3sdouble.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes one whole HTTP answer: the apiserver's and the supervisor's endpoints all answer through here. */
public final class HttpReply {

    private HttpReply() {
    }

    /** A body of the given type; an empty body is sent without one (no Content-Length: 0 chunk). */
    public static void send(HttpExchange exchange, int code, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(code, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** {@code body} written as JSON. */
    public static void json(HttpExchange exchange, int code, String type, Object body) throws IOException {
        send(exchange, code, type, Json.write(body).getBytes(StandardCharsets.UTF_8));
    }

    /** The error's v1 Status, with its code (what K3s' util.SendError and the apiserver's responsewriters write). */
    public static void error(HttpExchange exchange, ApiError error) throws IOException {
        json(exchange, error.code(), "application/json", error.status());
    }
}
