package io.k3j.ssh;

/**
 * A TCP port on this machine's loopback that reaches an address as a host sees it, through that
 * host's SSH connection: checks then take the path K3s will take. Closing it stops the forward.
 */
public interface Tunnel extends AutoCloseable {

    /** The loopback port to connect to. */
    int localPort();

    @Override
    void close();
}
