package io.k3j.cli;

import io.k3j.inventory.InventoryPaths;
import io.k3j.inventory.SecretResolver;
import io.k3j.ssh.RunLog;
import io.k3j.ssh.SshHost;
import io.k3j.wizard.HostCheck;
import io.k3j.wizard.SshHostCheck;
import java.nio.file.Path;
import java.time.Clock;

/** The wizard's SSH test over real SSH, logged like every run (.k3j/logs/wizard-TIME.log, secrets masked). */
final class WizardHostCheck {

    private WizardHostCheck() {
    }

    static HostCheck create(Environment environment, Path inventory) {
        Path folder = InventoryPaths.folderOf(inventory);
        Clock clock = Clock.systemUTC();
        RunLogOnFirstUse log = new RunLogOnFirstUse(RunLogs.defaultPath(folder, "wizard", clock), clock);
        return new SshHostCheck((target, hostKeys) -> SshHost.connect(target, hostKeys, log.get(), clock),
                new SecretResolver(environment::get, folder), folder);
    }

    /** The run log is made when the first host is tested, so a wizard that tests nothing leaves none. */
    private static final class RunLogOnFirstUse {
        private final Path file;
        private final Clock clock;
        private RunLog log;

        RunLogOnFirstUse(Path file, Clock clock) {
            this.file = file;
            this.clock = clock;
        }

        synchronized RunLog get() {
            if (log == null) {
                log = RunLog.create(file, clock);
            }
            return log;
        }
    }
}
