package io.k3j.wizard;

import static io.k3j.wizard.ScriptedWizard.typing;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.k3j.inventory.Datastore;
import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wrong answers, going back, editing from the review, Ctrl-C and resuming. */
class WizardNavigationTest {
    private static final String CLUSTER = typing("prod", "", "", "", "", "", "", "", "");
    private static final String DATASTORE = typing("", "", "198.51.100.5", "", "", "");
    private static final String SERVERS = typing("198.51.100.11, 198.51.100.12", "");
    private static final String REGISTRATION = typing("", "k8s.example.com", "");
    private static final String NO_WORKERS = typing("");
    private static final String WRITE = typing("");

    @TempDir
    Path folder;

    private static List<String> addresses(List<Host> hosts) {
        return hosts.stream().map(Host::address).toList();
    }

    @Test
    void wrongAnswersAreAskedAgainWithValidatesReason() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(typing("Prod_1", "prod", "1.31", "", "", "", "", "", "70000", "", "", "")
                + DATASTORE
                + typing("198.51.100.11", "198.51.100.11, 198.51.100.11", "198.51.100.11, 198.51.100.12", "")
                + typing("dns", "198.51.100.20", "k8s.example.com", "")
                + NO_WORKERS + WRITE);

        assertThat(wizard.screen())
                .contains("'Prod_1' is not a DNS label")
                .contains("'1.31' is not a K3s release version")
                .contains("must be from 1 to 65535, found 70000")
                .contains("an HA cluster needs two or more servers")
                .contains("'198.51.100.11' is given twice")
                .contains("mode dns needs a DNS name");
        assertThat(wizard.inventory().registration().address()).isEqualTo("k8s.example.com");
    }

    @Test
    void anEvenNumberOfEtcdHostsIsRefusedAtTheQuestionWithItsReasonAndTheHelpSaysWhyThree() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(CLUSTER + typing("etcd", "", "?", "203.0.113.5, 203.0.113.6", "203.0.113.5, 203.0.113.6, 203.0.113.7")
                + SERVERS + REGISTRATION + NO_WORKERS + WRITE);

        assertThat(wizard.screen())
                .contains("three survive one host down and five survive two")
                .contains("single point of failure")
                .contains("✗ an etcd cluster needs an odd number of members, three or more, found 2");
        assertThat(wizard.screen().split("Hosts to set etcd up on", -1)).as("asked again after ? and the even count")
                .hasSize(4);
        assertThat(addresses(wizard.inventory().datastore().provision().orElseThrow().hosts()))
                .containsExactly("203.0.113.5", "203.0.113.6", "203.0.113.7");
    }

    @Test
    void lessThanGoesBackAQuestionAndFromAPagesFirstQuestionToThePreviousPage() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(CLUSTER
                + typing("<")                     // datastore type: back to the cluster page
                + typing("", "", "", "", "", "", "", "", "")  // its answers are now the defaults
                + typing("", "<", "mysql")        // mode: back to the type, answered mysql
                + typing("", "198.51.100.5", "", "", "")
                + SERVERS + REGISTRATION + NO_WORKERS + WRITE);

        assertThat(wizard.screen().split("The cluster\n", -1)).as("the cluster page shown twice").hasSize(3);
        assertThat(wizard.screen()).contains("Cluster name [prod]");
        Inventory inventory = wizard.inventory();
        assertThat(inventory.name()).isEqualTo("prod");
        assertThat(inventory.datastore().type()).isEqualTo(Datastore.Type.mysql);
    }

    @Test
    void theReviewShowsTheInventoryAndEditsAStepThenComesBack() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(CLUSTER + DATASTORE + SERVERS + REGISTRATION + NO_WORKERS
                + typing("servers", "198.51.100.11, 198.51.100.14", "")
                + WRITE);

        assertThat(wizard.screen().split("\nReview\n", -1)).as("the review shown twice").hasSize(3);
        assertThat(wizard.screen()).contains("      - {address: 198.51.100.12}");
        assertThat(addresses(wizard.inventory().servers().hosts())).containsExactly("198.51.100.11", "198.51.100.14");
    }

    @Test
    void theReviewRefusesToWriteWhileTheInventoryHasProblems() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(CLUSTER + DATASTORE + SERVERS + REGISTRATION + typing("198.51.100.31")
                + typing("servers", "198.51.100.11, 198.51.100.31", "")   // the worker made a server too
                + typing("write", "workers", "198.51.100.32")
                + WRITE);

        assertThat(wizard.screen())
                .contains("workers: spec.workers.hosts: the address '198.51.100.31' is used by a server and a worker")
                .contains("1 problem to fix first");
        assertThat(addresses(wizard.inventory().workers().hosts())).containsExactly("198.51.100.32");
    }

    @Test
    void ctrlCWritesNoInventoryAndKeepsADraftWithoutClearSecrets() throws IOException {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        assertThatThrownBy(() -> wizard.run(typing("prod", "", "", "", "typed-token") + "root\u0003"))
                .isInstanceOf(WizardInterrupted.class);

        assertThat(wizard.inventoryFile()).doesNotExist();
        Path draft = Draft.nextTo(wizard.inventoryFile()).file();
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(draft))).isEqualTo("rw-------");
        String kept = Files.readString(draft);
        assertThat(kept).contains("name: prod").contains("k3s.token: \"${file:.k3j/secrets/k3s-token}\"")
                .doesNotContain("typed-token");
        try (var files = Files.list(folder)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactly(".k3j");
        }
    }

    @Test
    void theNextStartOffersTheDraftAndResumesFromIt() {
        ScriptedWizard interrupted = new ScriptedWizard(folder);
        assertThatThrownBy(() -> interrupted.run(CLUSTER + typing("mysql", "", "198.51.100.5") + "\u0003"))
                .isInstanceOf(WizardInterrupted.class);

        ScriptedWizard resumed = new ScriptedWizard(folder);
        resumed.run(typing("yes") + typing("", "", "", "", "", "", "", "", "")
                + typing("", "", "", "", "", "") + SERVERS + REGISTRATION + NO_WORKERS + WRITE);

        assertThat(resumed.screen()).contains("Resume from them [yes]").contains("Cluster name [prod]")
                .contains("Host to set the datastore up on [198.51.100.5]");
        Inventory inventory = resumed.inventory();
        assertThat(inventory.datastore().type()).isEqualTo(Datastore.Type.mysql);
        assertThat(Draft.nextTo(resumed.inventoryFile()).exists()).as("the draft is gone once written").isFalse();
    }
}
