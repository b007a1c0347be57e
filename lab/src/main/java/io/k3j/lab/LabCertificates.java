package io.k3j.lab;

import java.nio.file.Path;
import java.util.List;

/**
 * A test PKI made with openssl inside a lab host (this machine may have no openssl; the hosts'
 * base image has it): one CA, server certificates for lab hosts and client certificates, all
 * ECDSA P-256 unless a key form says otherwise. The files stay in {@code /etc/k3j-pki/<name>/}
 * on the host that made them; every method returns their paths on this machine (through
 * {@link Lab#rootOf}), for tests to read, upload or {@link Lab#copyInto copy} to other hosts.
 */
public final class LabCertificates {
    /** The private key's PEM form: PKCS#8 ({@code PRIVATE KEY}) or traditional ({@code EC PRIVATE KEY}, {@code RSA PRIVATE KEY}). */
    public enum KeyForm { PKCS8_EC, TRADITIONAL_EC, TRADITIONAL_RSA }

    /** A certificate and its private key, as files on this machine. */
    public record CertificateFiles(Path certificate, Path key) {
    }

    private static final String CONFIG = "[req]\\ndistinguished_name=dn\\n[dn]\\n[ca]\\nbasicConstraints=critical,CA:TRUE\\n"
            + "keyUsage=critical,keyCertSign,cRLSign\\nsubjectKeyIdentifier=hash\\n";

    private final Lab lab;
    private final String host;
    private final String directory;

    private LabCertificates(Lab lab, String host, String directory) {
        this.lab = lab;
        this.host = host;
        this.directory = directory;
    }

    /** Makes a CA named {@code name} (its CN is {@code k3j-lab-<name>}) on {@code host}. */
    public static LabCertificates create(Lab lab, String host, String name) {
        LabCertificates pki = new LabCertificates(lab, host, "/etc/k3j-pki/" + name);
        pki.run("mkdir -p \"$0\" && cd \"$0\" && printf '" + CONFIG + "' > ca.cnf"
                + " && openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key"
                + " && openssl req -x509 -new -config ca.cnf -extensions ca -key ca.key -subj \"/CN=$1\" -days 3650 -out ca.crt",
                "k3j-lab-" + name);
        return pki;
    }

    /** The CA certificate (PEM). */
    public Path ca() {
        return machinePath("ca.crt");
    }

    /**
     * A serving certificate for lab host {@code server}, valid for its address, its name,
     * {@code <name>.lab}, 127.0.0.1 and localhost (server and client use, as etcd wants for its members).
     */
    public CertificateFiles server(String server) {
        LabHost target = lab.host(server);
        String sans = "IP:" + target.address() + ",DNS:" + target.name() + ",DNS:" + target.name() + ".lab,IP:127.0.0.1,DNS:localhost";
        return issue(server + "-server", server, "serverAuth,clientAuth", sans, KeyForm.PKCS8_EC);
    }

    /**
     * Makes a serving certificate for {@code server} and puts it, with this CA's certificate, into
     * {@code directory} on that host as {@code ca.crt}, {@code server.crt} and {@code server.key}
     * (0600, owned by {@code owner}: the user the datastore runs as), for a service to serve TLS.
     */
    public void installServing(String server, String directory, String owner) {
        CertificateFiles serving = server(server);
        lab.copyInto(server, ca(), directory + "/ca.crt", "644");
        lab.copyInto(server, serving.certificate(), directory + "/server.crt", "644");
        lab.copyInto(server, serving.key(), directory + "/server.key", "600");
        lab.exec(server, "chown", owner + ":", directory + "/server.key").orThrow("chown " + directory + "/server.key on " + server);
    }

    /** A client certificate with common name {@code commonName}, its key in {@code form}. */
    public CertificateFiles client(String commonName, KeyForm form) {
        return issue("client-" + commonName, commonName, "clientAuth", null, form);
    }

    private CertificateFiles issue(String file, String commonName, String usage, String sans, KeyForm form) {
        String keyCommand = switch (form) {
            case PKCS8_EC -> "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out \"$1.key\"";
            case TRADITIONAL_EC -> "openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 | openssl pkey -traditional -out \"$1.key\"";
            case TRADITIONAL_RSA -> "openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 | openssl pkey -traditional -out \"$1.key\"";
        };
        String extensions = "basicConstraints=CA:FALSE\\nkeyUsage=critical,digitalSignature,keyEncipherment\\nextendedKeyUsage=" + usage
                + "\\n" + (sans == null ? "" : "subjectAltName=" + sans + "\\n");
        run(String.join(" && ", "cd \"$0\"", "umask 077", keyCommand,
                "openssl req -new -config ca.cnf -key \"$1.key\" -subj \"/CN=$2\" -out \"$1.csr\"",
                "printf '" + extensions + "' > \"$1.ext\"",
                "openssl x509 -req -in \"$1.csr\" -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile \"$1.ext\" -out \"$1.crt\" 2>/dev/null",
                "chmod 644 \"$1.crt\""), file, commonName);
        return new CertificateFiles(machinePath(file + ".crt"), machinePath(file + ".key"));
    }

    private void run(String script, String... arguments) {
        List<String> command = new java.util.ArrayList<>(List.of("sh", "-c", script, directory));
        command.addAll(List.of(arguments));
        lab.exec(host, command.toArray(String[]::new)).orThrow("openssl on " + host + " in " + directory);
    }

    private Path machinePath(String file) {
        return lab.rootOf(host).resolve(directory.substring(1)).resolve(file);
    }
}
