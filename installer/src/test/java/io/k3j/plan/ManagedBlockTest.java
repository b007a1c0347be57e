package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ManagedBlockTest {
    private static final String BLOCK = "# BEGIN k3j-install lab\nhost k3s k3s 10.0.0.1/32 scram-sha-256\n# END k3j-install lab\n";

    @Test
    void appendsTheBlockWhenAbsentAndFindsItAfterwards() {
        String file = "local all postgres peer\n";

        String applied = ManagedBlock.applied(file, BLOCK);

        assertThat(applied).isEqualTo(file + BLOCK);
        assertThat(ManagedBlock.in(applied, BLOCK)).contains(BLOCK);
    }

    @Test
    void replacesAnOldBlockAndKeepsEverythingElse() {
        String old = "a\n# BEGIN k3j-install lab\nhost k3s k3s 10.0.0.9/32 md5\n# END k3j-install lab\nz\n";

        assertThat(ManagedBlock.applied(old, BLOCK)).isEqualTo("a\n" + BLOCK + "z\n");
    }

    @Test
    void aFileWithoutTheBlockHasNone() {
        assertThat(ManagedBlock.in("local all all peer\n", BLOCK)).isEmpty();
    }

    @Test
    void removingTheBlockKeepsTheLinesAroundItAndAFileWithoutOneIsLeftAsItIs() {
        String markers = "# BEGIN k3j-install lab\n# END k3j-install lab\n";

        assertThat(ManagedBlock.removed("local all all peer\n" + BLOCK + "host all all ::1/128 md5\n", markers))
                .isEqualTo("local all all peer\nhost all all ::1/128 md5\n");
        assertThat(ManagedBlock.removed("local all all peer\n", markers)).isEqualTo("local all all peer\n");
    }
}
