package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.pki.CertificateAuthority;
import io.k3j.k3sdouble.pki.Pem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Base64;
import java.util.EnumSet;
import java.util.Set;

/**
 * /etc/rancher/k3s/k3s.yaml as K3s writes it (pkg/clientaccess/kubeconfig.go WriteClientKubeConfig):
 * cluster, user and context all {@code default}, server {@code https://127.0.0.1:6443}, the CA and
 * an admin client certificate embedded; mode 0600 unless write-kubeconfig-mode says otherwise.
 */
final class KubeconfigFile {

    private KubeconfigFile() {
    }

    /** The kubeconfig of the kept {@code admin} certificate (server/tls/client-admin.crt), as K3s writes it at each start. */
    static void write(Path file, ClusterSecrets secrets, CertificateAuthority.Issued admin, String mode) throws IOException {
        String yaml = """
                apiVersion: v1
                clusters:
                - cluster:
                    certificate-authority-data: %s
                    server: https://127.0.0.1:%d
                  name: default
                contexts:
                - context:
                    cluster: default
                    user: default
                  name: default
                current-context: default
                kind: Config
                preferences: {}
                users:
                - name: default
                  user:
                    client-certificate-data: %s
                    client-key-data: %s
                """.formatted(base64(Pem.certificate(secrets.serverCa().certificate())), ServerCommand.SUPERVISOR_PORT,
                base64(Pem.certificate(admin.certificate()) + Pem.certificate(secrets.clientCa().certificate())),
                base64(Pem.privateKey(admin.key())));
        Files.createDirectories(file.getParent());
        Files.writeString(file, yaml);
        Files.setPosixFilePermissions(file, permissions(mode));
    }

    private static String base64(String pem) {
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    /** An octal mode such as 0600 or 644 as permissions (owner, group, others: read and write only). */
    static Set<PosixFilePermission> permissions(String mode) {
        int bits = Integer.parseInt(mode, 8);
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] order = {PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_READ, PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_READ, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.OWNER_READ};
        for (int bit = 0; bit < order.length; bit++) {
            if ((bits & (1 << bit)) != 0) {
                permissions.add(order[bit]);
            }
        }
        return permissions;
    }
}
