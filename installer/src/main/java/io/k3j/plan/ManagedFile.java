package io.k3j.plan;

/**
 * A file k3j-install keeps on a host: its full content, octal mode and owner. Content with
 * secrets goes through a {@link SecretMasker} before anyone sees it; a {@code hidden} file (a
 * private key, a kept password) is never shown at all.
 */
public record ManagedFile(String path, String mode, String owner, String content, boolean hidden) {

    public static ManagedFile rootOnly(String path, String content) {
        return new ManagedFile(path, "0600", "root:root", content, false);
    }

    public static ManagedFile readable(String path, String content) {
        return new ManagedFile(path, "0644", "root:root", content, false);
    }

    /** A script anyone may run (K3s' killall and uninstall scripts: they re-run themselves with sudo). */
    public static ManagedFile executable(String path, String content) {
        return new ManagedFile(path, "0755", "root:root", content, false);
    }

    /** A private key or a password: root-only, and its content never shown. */
    public static ManagedFile secret(String path, String content) {
        return secret(path, "root:root", content);
    }

    /** A private key only {@code owner} may read (the user a service runs as), its content never shown. */
    public static ManagedFile secret(String path, String owner, String content) {
        return new ManagedFile(path, "0600", owner, content, true);
    }

    /** Whether {@code stat -c '%a %U:%G'} of the host's file ({@code "600 root:root"}) is this file's mode and owner. */
    public boolean hasModeAndOwner(String stat) {
        return stat.strip().equals(mode.replaceFirst("^0+(?=.)", "") + " " + owner);
    }

    /** What a person may see of the content. */
    public String shown(SecretMasker masker) {
        return hidden ? "(secret, " + content.length() + " bytes, not shown)" : masker.mask(content);
    }
}
