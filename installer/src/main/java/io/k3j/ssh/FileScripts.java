package io.k3j.ssh;

/**
 * The shell run as root to read and write a file on a host, safe in a folder another user may
 * write to (PostgreSQL's config folder is postgres', and so may be its parent): that user could put a
 * symbolic link where root reads or writes, and have root read, overwrite or chown any file.
 *
 * <p>Both scripts first enter the file's folder (no link on the way where another user could have
 * put one), then name the file relative to it, so a folder swapped for a link later changes
 * nothing. A folder is <em>trusted</em> when it belongs to root and no one else may write to it;
 * there a file is written beside its target and renamed, and read through links (K3s' node-token
 * is one). Anywhere else the file must not be a link, it is read with {@code O_NOFOLLOW}, and it is staged
 * in a folder only root may enter ({@value #STAGING}, or {@value #STAGING_ETC} on a separate
 * {@code /etc}), on the target's file system so that the rename stays atomic and replaces whatever
 * is at the name rather than follow it. Ownership is set with {@code chown -h}, before the rename.
 */
final class FileScripts {
    static final String STAGING = "/var/lib/k3j/tmp";
    static final String STAGING_ETC = "/etc/k3j/tmp";
    /** The exit status of a read whose file is absent. */
    static final int ABSENT = 3;

    private FileScripts() {
    }

    /** Writes standard input to {@code path}, renamed into place only once its sha256 is {@code sha256}. */
    static String write(String path, long size, String sha256, String mode, String owner) {
        // A signal (the session gone) still removes the temp file.
        return enter(path, true)
                + "if [ \"$trusted\" = yes ]; then stage=.; else stage=; "
                + "for s in " + STAGING + " " + STAGING_ETC + "; do mkdir -p -m 700 \"$s\"; chown root:root \"$s\"; chmod 700 \"$s\"; "
                + "if [ \"$(stat -c %d \"$s\")\" = \"$(stat -c %d .)\" ]; then stage=$s; break; fi; done; "
                + "[ -n \"$stage\" ] || refuse \"no folder only root may enter is on its file system (" + STAGING + ", " + STAGING_ETC
                + ") to stage it in\"; fi; "
                + "umask 077; tmp=$(mktemp \"$stage/.k3j.XXXXXX\"); trap 'rm -f \"$tmp\"' EXIT; trap 'exit 1' HUP PIPE TERM; cat > \"$tmp\"; "
                + "[ \"$(sha256sum < \"$tmp\" | cut -d' ' -f1)\" = " + sha256 + " ] || { echo \"received $(wc -c < \"$tmp\") bytes, "
                + "not the " + size + " bytes with sha256 " + sha256 + " that were sent\" >&2; exit 1; }; "
                + "chown -h " + Shell.quote(owner) + " \"$tmp\"; chmod " + mode + " \"$tmp\"; mv -f -T \"$tmp\" \"$name\"; trap - EXIT";
    }

    /** Prints the file, or exits {@value #ABSENT} when there is none. */
    static String read(String path) {
        return enter(path, false)
                + "if [ ! -e \"$name\" ] && [ ! -L \"$name\" ]; then exit " + ABSENT + "; fi; "
                + "if [ \"$trusted\" = yes ]; then cat -- \"$name\"; else dd if=\"$name\" iflag=nofollow status=none; fi";
    }

    /**
     * Goes into the file's folder one component at a time from {@code /} ({@code create}: making
     * what is missing), and sets {@code name} and {@code trusted}. A component in a folder another
     * user may write to must not be a link, and must still be the one entered (its {@code ..} is the
     * folder it was entered from): a link swapped in between the look and the step is caught too.
     * Each folder is looked at with one {@code stat} (owner, mode, device and inode), as every plan
     * and apply runs this for every file on every host.
     */
    private static String enter(String path, boolean create) {
        String quoted = Shell.quote(path);
        return "set -e; refuse() { echo \"refusing to touch \"" + quoted + "\": $1\" >&2; exit 1; }; "
                + "look() { seen=$(stat -c '%u %a %d:%i' \"$1\"); uid=${seen%% *}; seen=${seen#* }; perms=${seen%% *}; at=${seen#* }; }; "
                + "root_only() { [ \"$uid\" = 0 ] && [ $(( 0$perms & 022 )) -eq 0 ]; }; "
                + "folder=" + Shell.quote(folderOf(path)) + "; IFS=/; set -f; set -- $folder; set +f; unset IFS; cd /; "
                + "for part do [ -n \"$part\" ] || continue; look .; here=$at; open=no; root_only || open=yes; "
                + (create ? "[ -d \"$part\" ] || mkdir \"$part\"; " : "[ -d \"$part\" ] || exit " + ABSENT + "; ")
                + "if [ $open = yes ] && [ -L \"$part\" ]; then refuse \"$part is a symbolic link in a folder owned by $(stat -c %U .)\"; fi; "
                + "cd -P -- \"$part\"; if [ $open = yes ]; then look ..; [ \"$at\" = \"$here\" ] || "
                + "refuse \"$part was replaced while it was entered\"; fi; done; "
                + "name=" + Shell.quote(nameOf(path)) + "; look .; if root_only; then trusted=yes; else trusted=no; "
                + "[ ! -L \"$name\" ] || refuse \"it is a symbolic link (to $(readlink \"$name\")) in a folder owned by $(stat -c %U .)\"; fi; ";
    }

    private static String folderOf(String path) {
        int slash = path.lastIndexOf('/');
        return slash <= 0 ? "/" : path.substring(0, slash);
    }

    private static String nameOf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
