package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.output.Output;
import io.k3j.output.Style;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The online plan's diff of a file whose secrets changed: neither side shows one. */
class PlanPrinterTest {
    private static final String NEW_TOKEN = "new-token-'with-a-quote";
    private static final String NEW_PASSWORD = "new-pw!";

    private final StringWriter out = new StringWriter();

    private String printed(String config, String onHost) {
        Output output = new Output(new PrintWriter(out), new PrintWriter(new StringWriter()), false, 0, new Style(false));
        HostPlan host = new HostPlan("198.51.100.11", "first server", List.of(Action.write(ManagedFile.rootOnly("/etc/rancher/k3s/config.yaml", config))));
        Plan plan = new Plan("demo", List.of(new StepPlan(Step.SERVERS, "1 server", List.of(List.of(host)))),
                new SecretMasker(Set.of(NEW_TOKEN, NEW_PASSWORD)));
        CurrentFiles current = (name, path) -> Optional.ofNullable(Map.of("/etc/rancher/k3s/config.yaml", onHost).get(path));
        new PlanPrinter(output, true, Optional.of(current)).print(plan);
        return out.toString();
    }

    @Test
    void aRotatedSecretIsMaskedOnTheOldSideOfTheDiffToo() {
        String config = "token: \"new-token-'with-a-quote\"\n"
                + "datastore-endpoint: \"postgres://k3s:new-pw%21@198.51.100.5:5432/k3s\"\n";
        String onHost = "token: \"K10abc::server:old-token\"\n"
                + "agent-token: 'old-agent''s'\n"
                + "datastore-endpoint: postgres://k3s:old%40pw@198.51.100.5:5432/k3s\n";

        String shown = printed(config, onHost);

        assertThat(shown).contains("(changed)", "- token: \"********\"", "+ token: \"********\"", "- agent-token: '********'",
                "- datastore-endpoint: postgres://k3s:********@198.51.100.5", "+ datastore-endpoint: \"postgres://k3s:********@");
        assertThat(shown).doesNotContain("old-token", "old-agent", "old%40pw", "new-token", "new-pw");
    }

    @Test
    void secretsOfAnOldSetUpScriptAreFound() {
        assertThat(SecretsOnHost.in("ALTER ROLE \"k3s\" WITH LOGIN PASSWORD 'it''s';\nALTER ROLE x PASSWORD E'e\\'s';\n"
                + "CREATE USER IF NOT EXISTS 'k3s'@'198.51.100.11' IDENTIFIED BY 'b\\\\s';\n"))
                .contains("it''s", "it's", "e\\'s", "e's", "b\\\\s", "b\\s");
    }
}
