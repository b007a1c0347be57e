package io.k3j.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.InventoryLoader;
import io.k3j.inventory.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The wizard without a terminal: every answer given up front, nothing asked, errors that name the key. */
class WizardCommandTest {
    private static final String ANSWERS = """
            name: prod
            datastore: {type: mysql, mode: existing, endpoint: "mysql://k3s@tcp(db.example.com:3306)/k3s",
                        password: "${env:K3S_DB_PASSWORD}"}
            servers:
              hosts: [198.51.100.11, 198.51.100.12]
            registration: {mode: haproxy, haproxy: {hosts: [198.51.100.21, 198.51.100.22], vip: 198.51.100.20}}
            workers.hosts: 198.51.100.31
            """;
    private static final Map<String, String> CI = Map.of("CI", "true", "K3S_DB_PASSWORD", "from-the-environment");

    @TempDir
    Path folder;

    private CliRun wizard(String answers, String... more) throws IOException {
        Path file = folder.resolve("answers.yaml");
        Files.writeString(file, answers);
        String[] arguments = new String[4 + more.length];
        arguments[0] = "wizard";
        arguments[1] = "--answers=" + file;
        arguments[2] = "-o";
        arguments[3] = folder.resolve("inventory.yaml").toString();
        System.arraycopy(more, 0, arguments, 4, more.length);
        return CliRun.with(CI, false, arguments);
    }

    @Test
    void allAnswersGivenWritesAValidInventoryWithoutAsking() throws IOException {
        CliRun run = wizard(ANSWERS);

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("wrote " + folder.resolve("inventory.yaml")).contains("2 servers, 1 workers");
        LoadResult written = new InventoryLoader(CI::get).load(folder.resolve("inventory.yaml"));
        assertThat(written.problems()).isEmpty();
        assertThat(written.inventory().orElseThrow().registration().address()).isEqualTo("198.51.100.20");
        assertThat(Files.exists(folder.resolve(".k3j/wizard-draft.yaml"))).as("no draft without a terminal").isFalse();
    }

    /** {@link #ANSWERS} with other datastore answers. */
    private static String answersWithDatastore(String datastore) {
        return ANSWERS.substring(0, ANSWERS.indexOf("datastore:")) + datastore + ANSWERS.substring(ANSWERS.indexOf("servers:"));
    }

    private List<String> writtenDatastoreHosts() {
        LoadResult written = new InventoryLoader(CI::get).load(folder.resolve("inventory.yaml"));
        assertThat(written.problems()).isEmpty();
        return written.inventory().orElseThrow().datastore().provision().orElseThrow().hosts().stream().map(Host::address).toList();
    }

    @Test
    void threeEtcdHostsMakeAnEtcdCluster() throws IOException {
        CliRun run = wizard(answersWithDatastore(
                "datastore: {type: etcd, mode: provision, hosts: [198.51.100.5, 198.51.100.6, 198.51.100.7]}\n"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(writtenDatastoreHosts()).containsExactly("198.51.100.5", "198.51.100.6", "198.51.100.7");
        assertThat(Files.readString(folder.resolve("inventory.yaml"))).contains("    provision:\n", "      hosts:\n");
    }

    @Test
    void anOlderAnswersFileWithOneEtcdHostStillWorks() throws IOException {
        CliRun run = wizard(answersWithDatastore("datastore: {type: etcd, mode: provision, host: 198.51.100.5}\n"));

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(writtenDatastoreHosts()).containsExactly("198.51.100.5");
        assertThat(Files.readString(folder.resolve("inventory.yaml"))).contains("      host:\n        address: 198.51.100.5");
    }

    @Test
    void aSqlDatastoreOnANamedHostKeepsItsNameAndSeveralHostsAreRefusedAsEtcds() throws IOException {
        CliRun named = wizard(answersWithDatastore("datastore: {type: postgres, mode: provision, host: db1=198.51.100.5}\n"));

        assertThat(named.exitCode()).as(named.err()).isZero();
        LoadResult written = new InventoryLoader(CI::get).load(folder.resolve("inventory.yaml"));
        assertThat(written.problems()).isEmpty();
        assertThat(written.inventory().orElseThrow().datastore().provision().orElseThrow().hosts())
                .extracting(Host::address, host -> host.name().orElse("")).containsExactly(tuple("198.51.100.5", "db1"));
        Files.delete(folder.resolve("inventory.yaml"));

        CliRun several = wizard(answersWithDatastore("datastore: {type: postgres, mode: provision, hosts: [198.51.100.5, 198.51.100.6, "
                + "198.51.100.7]}\n"));

        assertThat(several.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(several.err()).contains("for datastore.host is wrong: 3 hosts given (198.51.100.5, 198.51.100.6, 198.51.100.7): "
                + "PostgreSQL and MySQL are set up on one host, as their replication is not built yet; several hosts "
                + "(datastore.hosts) are for etcd");
        assertThat(folder.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void twoEtcdHostsAreRefusedWithTheReason() throws IOException {
        CliRun run = wizard(answersWithDatastore("datastore: {type: etcd, hosts: [198.51.100.5, 198.51.100.6]}\n"));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("the answer '198.51.100.5, 198.51.100.6' for datastore.hosts is wrong: "
                + "an etcd cluster needs an odd number of members, three or more, found 2: it stays writable while a majority is up");
        assertThat(folder.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void jsonOutputSaysWhatWasWritten() throws IOException {
        CliRun run = wizard(ANSWERS, "--output", "json");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("{\"event\":\"written\",\"file\":\"" + folder.resolve("inventory.yaml")
                + "\",\"cluster\":\"prod\",\"servers\":2,\"workers\":1}");
    }

    @Test
    void setOverridesTheAnswersFile() throws IOException {
        CliRun run = wizard(ANSWERS, "--set", "name=staging", "--set", "workers.hosts=");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("cluster staging, 2 servers, 0 workers");
    }

    @Test
    void aSecretOnTheCommandLineIsWarnedAboutAndKeptOutOfTheInventory() throws IOException {
        CliRun run = wizard(ANSWERS, "--set", "k3s.token=clear-token-on-the-command-line");

        assertThat(run.exitCode()).isZero();
        assertThat(run.err()).contains("--set k3s.token puts a secret on the command line").doesNotContain("clear-token");
        assertThat(Files.readString(folder.resolve("inventory.yaml"))).contains("token: \"${file:.k3j/secrets/k3s-token}\"")
                .doesNotContain("clear-token");
    }

    @Test
    void aMissingAnswerNamesTheKeyThatSuppliesIt() throws IOException {
        CliRun run = wizard(ANSWERS.replace("name: prod\n", ""));

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("no answer for name (Cluster name)").contains("--set name=VALUE");
        assertThat(folder.resolve("inventory.yaml")).doesNotExist();
    }

    @Test
    void aWrongAnswerIsRefusedWithValidatesReasonAndNoSecretShown() throws IOException {
        CliRun wrongName = wizard(ANSWERS.replace("name: prod", "name: Prod"));
        CliRun unsetSecret = wizard(ANSWERS.replace("K3S_DB_PASSWORD", "NOT_SET"));

        assertThat(wrongName.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(wrongName.err()).contains("the answer 'Prod' for name is wrong: 'Prod' is not a DNS label");
        assertThat(unsetSecret.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(unsetSecret.err()).contains("datastore.password is wrong: environment variable NOT_SET is not set");
    }

    @Test
    void anUnknownKeyInTheAnswersFileIsAUsageError() throws IOException {
        CliRun run = wizard(ANSWERS + "datastore.typo: x\n");

        assertThat(run.exitCode()).isEqualTo(ExitCode.USAGE.code());
        assertThat(run.err()).contains("unknown answer datastore.typo");
    }

    @Test
    void anAnswersFileGetsTheInventorysProtection() throws IOException {
        CliRun loop = wizard("name: &loop {again: *loop}\n");
        CliRun twice = wizard(ANSWERS + "name: staging\n");
        CliRun missing = CliRun.with(CI, false, "wizard", "--answers", folder.resolve("nope.yaml").toString());
        CliRun directory = CliRun.with(CI, false, "wizard", "--answers", folder.toString());

        assertThat(loop.err()).contains("answers.yaml:1:7: the alias *loop stands inside its own anchor &loop");
        assertThat(twice.err()).contains("answers.yaml:8:1: name: duplicate key; it is already set on line 1");
        assertThat(missing.err()).contains("nope.yaml:1:1: no such file");
        assertThat(directory.err()).contains(folder + ":1:1: is a directory");
        for (CliRun run : new CliRun[] {loop, twice, missing, directory}) {
            assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCode.USAGE.code());
        }
    }

    static Stream<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(Path.of("..", "inventories"))) {
            return files.filter(file -> file.toString().endsWith(".yaml")).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void fromAnExistingInventoryInAnotherFolderItsAnswersAndFilesCarryOver(Path example) {
        Map<String, String> environment = Map.of("CI", "true", "K3S_TOKEN", "t", "K3S_DB_PASSWORD", "p", "SUDO_PASSWORD", "s");
        Path copy = folder.resolve("copy.yaml");

        CliRun run = CliRun.with(environment, false, "wizard", "--from", example.toString(), "--set", "name=copy", "-o",
                copy.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        Inventory original = new InventoryLoader(environment::get).load(example).inventory().orElseThrow();
        Inventory written = new InventoryLoader(environment::get).load(copy).inventory().orElseThrow();
        assertThat(written.name()).isEqualTo("copy");
        assertThat(written.servers().hosts()).extracting(Host::address)
                .isEqualTo(original.servers().hosts().stream().map(Host::address).toList());
        assertThat(written.k3s().airgap()).isEqualTo(original.k3s().airgap());
        assertThat(written.datastore().tls()).isEqualTo(original.datastore().tls());
        assertThat(written.datastore().provision().map(provision -> provision.hosts().stream().map(Host::address).toList()))
                .isEqualTo(original.datastore().provision().map(provision -> provision.hosts().stream().map(Host::address).toList()));
    }
}
