package io.k3j.k3sdouble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * {@code k3s --version}: two lines, "k3s version v1.31.4+k3s1 (a562d090)" and "go version go1.22.9".
 * Copies pkg/cli/cmds/root.go NewApp (format "%s version %s\n" with Version "%s (%s)", then
 * "go version %s\n"); the commit is 8 hex characters (scripts/build: GitCommit=${COMMIT:0:8}).
 */
public record Version(String version, String commit, String go, String buildDate) {

    public static Version ofThisBuild() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return new Version(properties.getProperty("version"), properties.getProperty("commit"), properties.getProperty("go"),
                    properties.getProperty("buildDate"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return "k3s version " + version + " (" + commit + ")\ngo version " + go + "\n";
    }

    /** The Kubernetes version a node reports (nodeInfo.kubeletVersion): the K3s version itself. */
    public String kubeletVersion() {
        return version;
    }
}
