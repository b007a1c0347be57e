package io.k3j.apply;

import io.k3j.output.Json;
import io.k3j.plan.K3sToken;
import io.k3j.plan.Operation;
import io.k3j.plan.Paths;
import io.k3j.plan.SecretMasker;
import io.k3j.render.CurlConfig;
import io.k3j.ssh.ExecResult;
import io.k3j.ssh.RemoteCommand;
import io.k3j.ssh.RemoteHost;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Rotates the cluster's server token on one running server, as {@code k3s token rotate} does
 * (pkg/cli/token/token.go Rotate: {@code PUT /v1-k3s/token} with {@code {"newToken": ...}} as
 * {@code server:<old password>}, the server checked against its CA), but with both tokens in curl's
 * config on standard input: {@code k3s token rotate} takes the new token only as
 * {@code --new-token} on its command line, which every local user (and sudo's log) would see.
 * Then waits until K3s has rewritten its token file with the new password, which it does once the
 * bootstrap data is re-encrypted (pkg/server/token.go tokenRotate), instead of K3s' CLI's fixed second.
 */
final class TokenRotator {
    static final String SUPERVISOR = "https://127.0.0.1:6443";
    private final ApplyContext context;

    TokenRotator(ApplyContext context) {
        this.context = context;
    }

    /** What curl reads from standard input: everything of the request that is secret, each value quoted for curl once. */
    static String curlConfig(String oldPassword, String newPassword) {
        return CurlConfig.option("url", SUPERVISOR + "/v1-k3s/token")
                + CurlConfig.option("user", K3sToken.SERVER + ":" + oldPassword)
                + CurlConfig.option("data", "{\"newToken\":" + Json.write(newPassword) + "}");
    }

    /** Rotates from {@code oldPassword} (the host's token file holds it) to the operation's new password, and waits until K3s wrote it. */
    void rotate(RemoteHost host, String oldPassword, Operation.RotateServerToken rotation) {
        SecretMasker masker = new SecretMasker(List.of(oldPassword, rotation.newPassword()));
        String command = "curl -sS --max-time 30 -X PUT -H 'Content-Type: application/json' --cacert "
                + Paths.K3S_DATA + "/server/tls/server-ca.crt -w '\\n%{http_code}' --config -";
        // Not repeated after a dropped connection: the server may have rotated; the next apply reads its token file again.
        ExecResult put = host.run(RemoteCommand.asRoot(command)
                .withStdin(curlConfig(oldPassword, rotation.newPassword()).getBytes(StandardCharsets.UTF_8))
                .masking(List.of(oldPassword, rotation.newPassword())).notIdempotent());
        List<String> lines = put.stdout().strip().lines().toList();
        String code = lines.isEmpty() ? "" : lines.get(lines.size() - 1);
        if (!put.ok() || !code.equals("200")) {
            String answer = put.ok() ? "HTTP " + code + " " + String.join(" ", lines.subList(0, Math.max(0, lines.size() - 1)))
                    : HostApplier.lastLines(put.stderr());
            throw new ClusterChecks.CheckFailed("K3s' supervisor on this server did not rotate the token (PUT " + SUPERVISOR
                    + "/v1-k3s/token): " + masker.mask(answer).strip(), "read 'journalctl -u k3s' on the host: k3s must be "
                    + "running there with the old token; the next apply tries again while " + rotation.tokenFile()
                    + " holds another password than the inventory's");
        }
        try {
            context.poll().until(() -> host.readFile(rotation.tokenFile()).map(bytes -> new String(bytes, StandardCharsets.UTF_8)),
                    now -> !rotation.needed(now), context.readyLimit(), now -> new ClusterChecks.CheckFailed("K3s accepted the "
                            + "new token but had not written it to " + rotation.tokenFile() + " after " + context.readyLimit().toSeconds()
                            + " s", "read 'journalctl -u k3s' on the host; the next apply restarts the servers with the new token once "
                            + "the file holds it"));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HostWorkInterrupted("waiting for K3s to write the rotated token", e);
        }
    }
}
