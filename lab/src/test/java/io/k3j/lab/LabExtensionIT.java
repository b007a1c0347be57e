package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code @Nested} groups run on their enclosing class's lab as the tests before them left it (no
 * reset between them), in their {@code @Order}. Each test leaves a file on host1 that the next
 * ones look for; the whole class is one lab of topology minimal.
 */
@LabTopology("minimal")
class LabExtensionIT {
    private static Lab enclosing;

    private static boolean left(Lab lab, String mark) {
        return lab.exec("host1", "test", "-e", "/root/" + mark).ok();
    }

    private static void leave(Lab lab, String mark) {
        lab.exec("host1", "touch", "/root/" + mark).orThrow("leave " + mark + " on host1");
    }

    @Test
    void theEnclosingClassHasItsLab(Lab lab) {
        assertThat(lab.topology()).isEqualTo("minimal");
        leave(lab, "enclosing");
        enclosing = lab;
    }

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    class FirstGroup {
        @Test
        @Order(1)
        void runsOnTheSameLabAsTheEnclosingClassLeftIt(Lab lab) {
            assertThat(lab).isSameAs(enclosing);
            assertThat(left(lab, "enclosing")).as("the enclosing class's file, not reset away").isTrue();
            assertThat(left(lab, "second-group")).as("the second group has not run yet").isFalse();
            leave(lab, "first-group");
        }

        @Nested
        class AGroupWithinIt {
            @Test
            void runsOnThatLabToo(Lab lab) {
                assertThat(lab).isSameAs(enclosing);
                assertThat(left(lab, "first-group")).isTrue();
            }
        }
    }

    @Nested
    @Order(2)
    class SecondGroup {
        @Test
        void runsAfterTheFirstOnWhatItLeft(Lab lab) {
            assertThat(lab).isSameAs(enclosing);
            assertThat(left(lab, "first-group")).as("the first group's file").isTrue();
            leave(lab, "second-group");
        }
    }
}
