package io.k3j.pki;

/**
 * The certificates of a datastore k3j-install sets up with TLS, as PEM text: the cluster's
 * datastore CA, the datastore host's serving certificate, and K3s' client certificate.
 */
public record DatastoreCertificates(Issued ca, Issued server, Issued client) {

    /** A certificate and its private key (PKCS#8, unencrypted). */
    public record Issued(String certificate, String key) {
    }
}
