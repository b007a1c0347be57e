package io.k3j.k3sdouble.server;

import io.k3j.k3sdouble.pki.CertificateAuthority;

/** What the bootstrap data holds: the server CA (serving certificates) and the client CA (kubeconfig users). */
record ClusterSecrets(CertificateAuthority serverCa, CertificateAuthority clientCa) {
}
