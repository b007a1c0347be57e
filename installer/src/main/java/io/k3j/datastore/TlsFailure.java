package io.k3j.datastore;

import java.util.Optional;
import javax.net.ssl.SSLException;

/**
 * What a failed TLS connection to a datastore means for the operator, in the same words for
 * etcd, PostgreSQL and MySQL: the wrong CA, a certificate without the endpoint's host, a client
 * certificate refused or missing. {@code where} says which datastore at which address,
 * {@code datastore} names its kind, {@code trustedCaSetting} is its setting for the CA it takes
 * client certificates of.
 */
record TlsFailure(String where, String datastore, String trustedCaSetting) {

    static TlsFailure etcd(String where) {
        return new TlsFailure(where, "etcd", "--trusted-ca-file");
    }

    static TlsFailure postgres(String where) {
        return new TlsFailure(where, "PostgreSQL", "ssl_ca_file");
    }

    static TlsFailure mysql(String where) {
        return new TlsFailure(where, "MySQL", "ssl_ca");
    }

    /** The first of {@code failure}'s causes (itself included) that is a {@code type}. */
    static <T extends Throwable> Optional<T> cause(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return Optional.of(type.cast(cause));
            }
        }
        return Optional.empty();
    }

    /** A failed handshake, from the JDK's words for it (kept where they say more) and the name check's own exception. */
    ProbeResult handshake(SSLException e) {
        String message = String.valueOf(e.getMessage());
        if (cause(e, ServerNameCheck.NameMismatch.class).isPresent()) {
            return ProbeResult.problem(where + " serves a certificate that does not name that host: " + message,
                    "use the name or address " + datastore + "'s certificate was issued for in datastore.endpoint, "
                            + "or reissue it with that name");
        }
        if (message.contains("PKIX path") || message.contains("unable to find valid certification path")) {
            return ProbeResult.problem(where + " serves a certificate that datastore.tls.caFile did not sign",
                    "set datastore.tls.caFile to the CA that signed " + datastore + "'s serving certificate");
        }
        if (message.contains("certificate_required")) {
            return clientCertificateRequired(message);
        }
        if (message.contains("bad_certificate") || message.contains("unknown_ca")) {
            return ProbeResult.problem(where + " refused the client certificate: " + message,
                    "give datastore.tls.certFile and keyFile a client certificate signed by the CA " + datastore + " trusts ("
                            + trustedCaSetting + ")");
        }
        return ProbeResult.problem("the TLS handshake with " + where + " failed: " + message,
                "check datastore.tls (caFile, certFile, keyFile) against " + datastore + "'s TLS settings");
    }

    /** The datastore takes only clients with a certificate, and none was given. */
    ProbeResult clientCertificateRequired(String message) {
        return ProbeResult.problem(where + " wants a client certificate: " + message,
                "give datastore.tls.certFile and keyFile a client certificate signed by the CA " + datastore + " trusts ("
                        + trustedCaSetting + ")");
    }
}
