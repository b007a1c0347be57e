package io.k3j.wizard;

/**
 * Tests SSH to one host as the answers say (user, port, key, known_hosts) and reports what the
 * host is. The wizard's seam to the network: tests give a fake.
 */
public interface HostCheck {

    /**
     * {@code role} is the answer the host was given in ({@link Keys#SERVERS}...); {@code trust} is
     * asked about a host key that is not in known_hosts yet.
     */
    Report check(String address, String role, Answers answers, KeyTrust trust);

    interface KeyTrust {
        boolean trust(String address, String key);
    }

    /** Whether the host is fine for K3s, and what was found or what went wrong. */
    record Report(boolean ok, String detail) {
    }
}
