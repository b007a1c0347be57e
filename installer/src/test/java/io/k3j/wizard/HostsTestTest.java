package io.k3j.wizard;

import static io.k3j.wizard.ScriptedWizard.typing;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** "Test SSH to ... now?" in a session: each host reported, a new key shown to accept, a failure offers to change the hosts. */
class HostsTestTest {
    @TempDir
    Path folder;

    private final List<String> tested = new ArrayList<>();

    /** 198.51.100.13 does not answer; every other host shows a new key first, then reports its facts. */
    private final HostCheck fake = (address, role, answers, trust) -> {
        tested.add(address);
        if (address.equals("198.51.100.13")) {
            return new HostCheck.Report(false, "connection refused: is sshd running there and listening on port 22?");
        }
        return trust.trust(address, "SHA256:key-of-" + address)
                ? new HostCheck.Report(true, "Debian GNU/Linux 12 (bookworm), x86_64, no K3s yet")
                : new HostCheck.Report(false, "host key not accepted");
    };

    @Test
    void aFailedHostIsReportedAndTheHostsAreAskedAgain() {
        ScriptedWizard wizard = new ScriptedWizard(folder);

        wizard.run(typing("prod", "", "", "", "", "", "", "", "")
                + typing("", "", "198.51.100.5", "no", "", "", "")                      // datastore host: no test
                + typing("198.51.100.11, 198.51.100.13", "", "yes", "")              // test: .11 key accepted, .13 fails, change
                + typing("198.51.100.11, 198.51.100.12", "", "yes", "yes", "")       // test again: both fine
                + typing("", "k8s.example.com", "") + typing("") + typing(""), Answers.none(), Optional.of(fake));

        assertThat(tested).containsExactly("198.51.100.11", "198.51.100.13", "198.51.100.11", "198.51.100.12");
        assertThat(wizard.screen())
                .contains("Test SSH to 198.51.100.11, 198.51.100.13 now [yes]")
                .contains("198.51.100.11 offers the host key SHA256:key-of-198.51.100.11, which is not in known_hosts yet.")
                .contains("✓ 198.51.100.11: Debian GNU/Linux 12 (bookworm), x86_64, no K3s yet")
                .contains("✗ 198.51.100.13: connection refused")
                .contains("Change the hosts [yes]");
        assertThat(wizard.inventory().servers().hosts()).extracting(host -> host.address())
                .containsExactly("198.51.100.11", "198.51.100.12");
    }
}
