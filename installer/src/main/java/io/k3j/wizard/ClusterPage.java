package io.k3j.wizard;

import io.k3j.inventory.K3sSettings;
import io.k3j.inventory.SshSettings;
import java.util.Arrays;
import java.util.List;

/** The first screen: the cluster's name, the K3s release and how it is installed, the token, SSH. */
final class ClusterPage {
    static final String DEFAULT_VERSION = "v1.31.4+k3s1";

    private ClusterPage() {
    }

    static Page create(Ask ask) {
        List<String> installs = Arrays.stream(K3sSettings.InstallMethod.values()).map(Enum::name).toList();
        return new Page(Step.CLUSTER, List.of(
                ask.text(Keys.NAME, "metadata.name", "Cluster name",
                        "A DNS label (lower-case letters, digits, '-'): it names the kubeconfig's cluster, user and context.",
                        null),
                ask.text(Keys.K3S_VERSION, "spec.k3s.version", "K3s version",
                        "A K3s release, as on https://github.com/k3s-io/k3s/releases, such as v1.31.4+k3s1.", DEFAULT_VERSION),
                ask.choice(Keys.K3S_INSTALL, "How the K3s binary gets onto the hosts",
                        "download: each host downloads it and checks its sha256; airgap: uploaded from this machine "
                                + "(no internet on the hosts); script: the official install script.",
                        installs, answers -> K3sSettings.InstallMethod.download.name()),
                ask.text(Keys.K3S_MIRROR, "spec.k3s.mirror", "Download from",
                        "Where <version>/k3s and <version>/sha256sum-<arch>.txt are: GitHub's releases, or your mirror.",
                        K3sSettings.DEFAULT_MIRROR)
                        .when(answers -> answers.get(Keys.K3S_INSTALL, "download").equals("download")),
                ask.path(Keys.K3S_AIRGAP_BINARY, "spec.k3s.airgap.binary", "The k3s binary to upload",
                        "The k3s file of the release, for the hosts' architecture (relative to the inventory's folder).",
                        null).when(ClusterPage::airgap),
                ask.path(Keys.K3S_AIRGAP_IMAGES, "spec.k3s.airgap.images", "The air-gap images to upload",
                        "k3s-airgap-images-<arch>.tar(.zst|.gz) of the release.", null).when(ClusterPage::airgap),
                ask.secret(Keys.K3S_TOKEN, "spec.k3s.token", "Cluster token (empty: generated)",
                        "The shared secret servers and agents join with. Empty: generated on the first apply and read "
                                + "back from the servers later. Type it (kept in a 0600 file next to the inventory), "
                                + "or give ${env:NAME} or ${file:PATH}."),
                ask.text(Keys.SSH_USER, "spec.ssh.user", "SSH user",
                        "The user k3j-install logs in as on every host; a user other than root uses sudo.",
                        SshSettings.DEFAULT_USER),
                ask.text(Keys.SSH_PORT, "spec.ssh.port", "SSH port", "The port sshd listens on, from 1 to 65535.",
                        String.valueOf(SshSettings.DEFAULT_PORT)),
                ask.path(Keys.SSH_KEY, "spec.ssh.keyPath", "SSH private key (empty: the usual ~/.ssh keys)",
                        "The private key to log in with. Empty: ~/.ssh/id_ed25519, id_ecdsa or id_rsa, whichever exists.", ""),
                ask.path(Keys.SSH_KNOWN_HOSTS, "spec.ssh.knownHosts", "known_hosts file",
                        "Host keys are checked against this file; the wizard's SSH test adds a key you accept to it.",
                        SshSettings.DEFAULT_KNOWN_HOSTS),
                ask.secret(Keys.SSH_SUDO_PASSWORD, "spec.ssh.sudoPassword", "sudo password (empty: passwordless sudo)",
                        "Given to sudo on its standard input, never on a command line. Type it (kept in a 0600 file), "
                                + "or give ${env:NAME} or ${file:PATH}.")
                        .when(answers -> !answers.get(Keys.SSH_USER, SshSettings.DEFAULT_USER).equals("root"))));
    }

    private static boolean airgap(Answers answers) {
        return answers.is(Keys.K3S_INSTALL, K3sSettings.InstallMethod.airgap.name());
    }
}
