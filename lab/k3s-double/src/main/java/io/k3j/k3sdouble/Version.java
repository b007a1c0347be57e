package io.k3j.k3sdouble;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;

/**
 * A K3s release the double can be, and the one this process is. One jar serves every release: each
 * release's launcher (src/main/stub/k3s-stub.sh, its release filled in by the build) starts it with
 * {@code -Dk3s.double.release=<version>}, so the version is the binary's, as with K3s, and a host
 * that gets another release's binary and restarts reports the other version.
 *
 * <p>{@code k3s --version}: two lines, "k3s version v1.31.4+k3s1 (a562d090)" and "go version
 * go1.22.9": pkg/cli/cmds/root.go NewApp (format "%s version %s\n" with Version "%s (%s)", then
 * "go version %s\n"); the commit there is 8 hex characters (scripts/build: GitCommit=${COMMIT:0:8}),
 * in /version's gitCommit the whole 40.
 */
public record Version(String version, String commit, String go, String buildDate) {
    /** The system property a release's launcher sets to its version. */
    public static final String RELEASE_PROPERTY = "k3s.double.release";

    /**
     * The releases, with the commit each was tagged at (k3s-io/k3s tags; nixpkgs k3s versions.nix
     * k3sCommit) and the Go it was built with (v1.31.4's from its {@code k3s --version}; the
     * others' the double's choice of the Go of that month's K3s). {@code buildDate}: the release's
     * day, the double's choice (K3s stamps the build's own time).
     */
    public static final List<Version> RELEASES = List.of(
            new Version("v1.30.8+k3s1", "b43a365f27d8372336fea7b0984a571109d742ca", "go1.22.9", "2024-12-18T00:00:00Z"),
            new Version("v1.31.4+k3s1", "a562d090b05cf8d55b6a8b57556787c24c8ce21a", "go1.22.9", "2024-12-14T00:00:00Z"),
            new Version("v1.32.0+k3s1", "cca8facaa33a3ec7897349a8740fd96029590c31", "go1.23.3", "2024-12-20T00:00:00Z"));

    /**
     * The release this process is: the launcher's, or the build's default one when the jar runs
     * without a launcher (tests in the build's JVM).
     */
    public static Version ofThisBuild() {
        return of(System.getProperty(RELEASE_PROPERTY, defaultRelease()));
    }

    /** A known release by its version; a launcher naming another is a bug of the double's build. */
    public static Version of(String version) {
        return RELEASES.stream().filter(release -> release.version.equals(version)).findFirst()
                .orElseThrow(() -> new IllegalStateException("the K3s double knows no release " + version + " (it knows "
                        + RELEASES.stream().map(Version::version).collect(Collectors.joining(", "))
                        + "): its launcher and io.k3j.k3sdouble.Version.RELEASES disagree"));
    }

    private static String defaultRelease() {
        try (InputStream in = Version.class.getResourceAsStream("version.properties")) {
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("default");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String text() {
        return "k3s version " + withCommit() + "\ngo version " + go + "\n";
    }

    /** The urfave/cli app's Version: "v1.31.4+k3s1 (a562d090)", also under VERSION in {@code k3s --help}. */
    public String withCommit() {
        return version + " (" + commit.substring(0, 8) + ")";
    }

    /** The Kubernetes version a node reports (nodeInfo.kubeletVersion, kubeProxyVersion): the K3s version itself. */
    public String kubeletVersion() {
        return version;
    }

    /** The Kubernetes minor version: 31 for v1.31.4+k3s1. */
    public int minor() {
        return Integer.parseInt(version.split("\\.")[1]);
    }

    /** The version as Kubernetes' own modules carry it in K3s' fork: v1.31.4-k3s1 (k3s-io/kubernetes tags). */
    public String moduleVersion() {
        return version.replace('+', '-');
    }
}
