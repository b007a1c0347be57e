package io.k3j.k3sdouble.api;

import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * Who calls the apiserver: a client certificate of the client CA is the user {@code CN} in the
 * groups {@code O} (the apiserver's x509 authenticator); K3s runs its apiserver with
 * {@code anonymous-auth=false}, so there is no one without a certificate.
 */
public record Caller(String user, List<String> groups) {
    private static final String NODE_PREFIX = "system:node:";

    public static Caller of(X509Certificate certificate) {
        String user = "";
        List<String> groups = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    user = String.valueOf(rdn.getValue());
                } else if (rdn.getType().equalsIgnoreCase("O")) {
                    groups.add(String.valueOf(rdn.getValue()));
                }
            }
        } catch (InvalidNameException e) {
            throw new IllegalStateException("a certificate the TLS layer accepted has an unreadable subject", e);
        }
        groups.add("system:authenticated");
        return new Caller(user, List.copyOf(groups));
    }

    public boolean admin() {
        return groups.contains("system:masters");
    }

    /** The node a kubelet's certificate ({@code system:node:NAME} in {@code system:nodes}) speaks for, or empty. */
    public String nodeName() {
        return user.startsWith(NODE_PREFIX) && groups.contains("system:nodes") ? user.substring(NODE_PREFIX.length()) : "";
    }

    /**
     * RBAC as K3s sets it up, for the resources the double serves: system:masters may do anything;
     * every authenticated user may read; a node may write only its own Node object (the Node
     * authorizer and the NodeRestriction admission plugin).
     */
    public boolean may(String verb, String resource, String name) {
        if (admin() || List.of("get", "list", "watch").contains(verb)) {
            return true;
        }
        return resource.equals("nodes") && !nodeName().isEmpty() && nodeName().equals(name);
    }
}
