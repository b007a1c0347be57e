package io.k3j.k3sdouble.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.k3sdouble.kine.MemoryStore;
import io.k3j.k3sdouble.nodes.NodeRecord;
import io.k3j.k3sdouble.nodes.NodeRegistry;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodePasswordsTest {
    private final MemoryStore store = new MemoryStore();
    private final NodePasswords passwords = new NodePasswords(store);
    private final NodeRegistry nodes = new NodeRegistry(store);

    @Test
    void anotherPasswordForARegisteredNameIsRefused() throws Exception {
        assertThat(passwords.accept("worker1", "first-host")).isTrue();
        assertThat(passwords.accept("worker1", "first-host")).isTrue();
        assertThat(passwords.accept("worker1", "second-host")).isFalse();
    }

    @Test
    void deletingTheNodeDeletesItsPasswordSoAReinstalledHostJoins() throws Exception {
        passwords.accept("worker1", "before-reinstall");
        nodes.register(new NodeRecord("worker1", false, Map.of(), List.of(), "203.0.113.21", "v1.31.4+k3s1", "6.1"), Instant.now());

        nodes.delete("worker1", nodes.get("worker1").orElseThrow().revision());

        assertThat(store.get(NodeRegistry.passwordSecretKey("worker1"))).isEmpty();
        assertThat(passwords.accept("worker1", "after-reinstall")).isTrue();
    }
}
