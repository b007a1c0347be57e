package io.k3j.wizard;

import java.util.List;

/**
 * After a list of hosts is answered, offers to test SSH to them now: each host's key is shown for
 * the operator to accept when it is new, and each host reports its OS, architecture and K3s.
 */
public final class HostsTest {
    private final Prompter prompter;
    private final HostCheck check;

    public HostsTest(Prompter prompter, HostCheck check) {
        this.prompter = prompter;
        this.check = check;
    }

    /** False when a host failed and the operator wants to change the list. */
    boolean offer(String key, Answers answers) {
        List<String> addresses = HostList.of(answers, key).addresses();
        if (addresses.isEmpty() || !prompter.confirm("test-ssh", "Test SSH to " + String.join(", ", addresses) + " now",
                "Logs in as the answers say, shows each new host key for you to accept, and reports OS, architecture and "
                        + "whether K3s is there. Nothing is changed on the hosts.", true)) {
            return true;
        }
        boolean allFine = true;
        for (String address : addresses) {
            HostCheck.Report report = check.check(address, key, answers, this::trust);
            prompter.report(report.ok(), address + ": " + report.detail());
            allFine &= report.ok();
        }
        return allFine || !prompter.confirm("change-hosts", "Change the hosts",
                "Yes asks for the hosts again; no keeps them as they are (fix the hosts before apply).", true);
    }

    private boolean trust(String address, String key) {
        prompter.say("  " + address + " offers the host key " + key + ", which is not in known_hosts yet.");
        return prompter.confirm("trust-key", "Is that " + address + "'s key? Add it to known_hosts",
                "Compare it with the host's own: ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub on the host.", false);
    }
}
