package io.k3j.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.ssh.RunLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {
    @TempDir
    Path inventoryFolder;

    @Test
    void aK3jFolderMadeForARunLogIsOwnerOnlyAndIgnoresEverythingInIt() throws IOException {
        RunLog.create(inventoryFolder.resolve(".k3j/logs/apply-1.log"), Clock.systemUTC()).close();

        Path k3j = inventoryFolder.resolve(".k3j");
        assertThat(Files.readAllLines(k3j.resolve(".gitignore"))).contains("*");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(k3j))).isEqualTo("rwx------");
        assertThat(k3j.resolve("logs/apply-1.log")).exists();
    }

    @Test
    void aK3jFolderThatIsThereAlreadyIsLeftAsItIs() throws IOException {
        Files.createDirectories(inventoryFolder.resolve(".k3j"));

        StateFolder.createDirectories(inventoryFolder.resolve(".k3j/secrets"));

        assertThat(inventoryFolder.resolve(".k3j/.gitignore")).doesNotExist();
        assertThat(inventoryFolder.resolve(".k3j/secrets")).isDirectory();
    }
}
