package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TypedConfirmationTest {
    private final List<String> asked = new ArrayList<>();

    private TypedConfirmation typing(String line) {
        return new TypedConfirmation(Optional.of(prompt -> {
            asked.add(prompt);
            return line;
        }));
    }

    @Test
    void theClusterNameTypedGoesOnAndYesAsksNothing() {
        typing("  edge \n").require(false, "edge", "Reset removes K3s.", "reset removes edge");
        assertThat(asked).containsExactly("Reset removes K3s. Type the cluster's name (edge) to go on: ");

        asked.clear();
        typing("edge").require(true, "edge", "Reset removes K3s.", "reset removes edge");
        assertThat(asked).isEmpty();
    }

    @Test
    void anotherNameOrTheEndOfInputIsRefusedWithExitFive() {
        for (String typed : new String[] {"Edge", "y", "", null}) {
            assertThatThrownBy(() -> typing(typed).require(false, "edge", "Reset removes K3s.", "reset removes edge"))
                    .isInstanceOfSatisfying(CliException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.REFUSED);
                        assertThat(e.getMessage()).isEqualTo("not confirmed; no host was touched");
                    });
        }
    }

    @Test
    void withoutATerminalOnlyYesGoesOnElseExitTwo() {
        TypedConfirmation nobody = new TypedConfirmation(Optional.empty());

        nobody.require(true, "edge", "Reset removes K3s.", "reset removes edge");
        assertThatThrownBy(() -> nobody.require(false, "edge", "Reset removes K3s.", "reset removes edge"))
                .isInstanceOfSatisfying(CliException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                    assertThat(e.getMessage()).isEqualTo("reset removes edge, and nobody is at a terminal to confirm it: pass --yes; "
                            + "no host was touched");
                });
    }
}
