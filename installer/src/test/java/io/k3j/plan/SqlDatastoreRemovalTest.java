package io.k3j.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.k3j.inventory.Datastore;
import io.k3j.render.TemplateRenderer;
import io.k3j.testing.ShellRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.List;
import java.util.Optional;
import io.k3j.testing.TestHosts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The drop script of reset --datastore run by a real shell, with a systemctl, runuser and database
 * clients that only record: the client gets the SQL the template rendered, whole, on its standard
 * input; a server not installed has nothing to drop; one installed but stopped fails, saying how to go on.
 */
class SqlDatastoreRemovalTest {
    private static final Datastore.Provision PROVISION = new Datastore.Provision(List.of(TestHosts.at("198.51.100.5")), "kine_edge", "k3s_edge", Optional.empty(),
            false, Optional.empty());

    private final TemplateRenderer renderer = new TemplateRenderer();
    private final SqlDatastoreRemoval removal = new SqlDatastoreRemoval("edge", renderer);

    @TempDir
    Path temp;

    private record Ran(int exit, String output, String stdin) {
    }

    private Ran run(String script, String systemctl) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path stdin = temp.resolve("stdin");
        ShellRun.fake(bin.resolve("systemctl"), "#!/bin/sh\n" + systemctl + "\n");
        ShellRun.fake(bin.resolve("runuser"), "#!/bin/sh\nwhile [ \"$1\" != -- ]; do shift; done\nshift\nexec \"$@\"\n");
        for (String client : new String[] {"psql", "mysql"}) {
            ShellRun.fake(bin.resolve(client), "#!/bin/sh\necho \"$0 $*\" > " + temp.resolve("argv") + "\ncat > " + stdin + "\n"
                    + "echo 'k3j: changed'\n");
        }
        ShellRun ran = ShellRun.run(temp, bin, script);
        return new Ran(ran.exit(), ran.output(), Files.exists(stdin) ? Files.readString(stdin) : "");
    }

    private static Operation.Script drop(Action action) {
        return (Operation.Script) action.operation();
    }

    @Test
    void psqlGetsTheRenderedSqlWholeAndTheMarkerSaysSomethingWasDropped() throws IOException, InterruptedException {
        Operation.Script drop = drop(removal.postgres(PROVISION, "16").get(0));

        Ran ran = run(drop.text(), "exit 0");

        assertThat(ran.exit()).as(ran.output()).isZero();
        assertThat(ran.output()).isEqualTo("k3j: changed\n");
        assertThat(ran.stdin()).isEqualTo(renderer.render("datastore/postgres/drop.sql.ftl",
                Map.of("database", "kine_edge", "user", "k3s_edge", "probe", false)));
        assertThat(Files.readString(temp.resolve("argv"))).contains("psql -X -q -t -A -d postgres");
        assertThat(run(drop.probe(), "exit 0").stdin()).contains("k3j: changed").doesNotContain("DROP");
    }

    @Test
    void mysqlGetsItsSqlAndAServerNotInstalledHasNothingToDrop() throws IOException, InterruptedException {
        Operation.Script drop = drop(removal.mysql(PROVISION).get(0));

        assertThat(run(drop.text(), "exit 0").stdin()).isEqualTo(renderer.render("datastore/mysql/drop.sql.ftl",
                Map.of("database", "kine_edge", "user", "k3s_edge", "probe", false)));

        Files.delete(temp.resolve("stdin"));
        Ran absent = run(drop.text(), "[ \"$1\" = cat ] && exit 1; exit 0");
        assertThat(absent.exit()).isZero();
        assertThat(absent.output()).isEqualTo("mariadb is not installed here: nothing to drop\n");
        assertThat(absent.stdin()).isEmpty();
    }

    @Test
    void aServerInstalledButStoppedFailsSayingToStartIt() throws IOException, InterruptedException {
        Ran stopped = run(drop(removal.postgres(PROVISION, "16").get(0)).text(), "[ \"$1\" = is-active ] && exit 3; exit 0");

        assertThat(stopped.exit()).isEqualTo(1);
        assertThat(stopped.output()).isEqualTo("postgresql is not running, so the database and the user of the cluster could not be "
                + "dropped: start it (systemctl start postgresql) and run the reset again\n");
        assertThat(stopped.stdin()).isEmpty();
    }
}
