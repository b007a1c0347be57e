package io.k3j.plan;

/**
 * A file k3j-install keeps on a host: its full content, octal mode and owner. Its content may
 * hold secrets; anything shown to a person goes through a {@link SecretMasker} first.
 */
public record ManagedFile(String path, String mode, String owner, String content) {

    public static ManagedFile rootOnly(String path, String content) {
        return new ManagedFile(path, "0600", "root:root", content);
    }

    public static ManagedFile readable(String path, String content) {
        return new ManagedFile(path, "0644", "root:root", content);
    }
}
