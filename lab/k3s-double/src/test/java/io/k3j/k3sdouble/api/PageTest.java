package io.k3j.k3sdouble.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class PageTest {
    private static final List<String> NAMES = List.of("server1", "server2", "worker1", "worker2", "worker3");

    @Test
    void pagesFollowOneAnotherThroughTheContinueToken() throws ApiError {
        Page<String> first = Page.of(NAMES, Function.identity(), "2", null);
        Page<String> second = Page.of(NAMES, Function.identity(), "2", first.continueToken());
        Page<String> last = Page.of(NAMES, Function.identity(), "2", second.continueToken());

        assertThat(first.items()).containsExactly("server1", "server2");
        assertThat(first.remaining()).isEqualTo(3);
        assertThat(second.items()).containsExactly("worker1", "worker2");
        assertThat(last.items()).containsExactly("worker3");
        assertThat(last.continueToken()).isEmpty();
        assertThat(Page.of(NAMES, Function.identity(), "", null).items()).hasSize(5);
    }

    @Test
    void aForgedTokenIsRefused() {
        assertThatThrownBy(() -> Page.of(NAMES, Function.identity(), "2", "bm90IGpzb24")).isInstanceOf(ApiError.class)
                .hasMessageStartingWith("continue key is not valid");
    }
}
