package io.k3j.cli;

/**
 * The exit codes of every command: documented in {@code docs/cli.md} and in {@code --help}.
 * Only {@link Main} turns one into a process status.
 */
public enum ExitCode {
    OK(0, "success (for plan: also when changes are pending, unless --detailed-exitcode)"),
    APPLY_FAILED(1, "a step failed on a host while applying (for plan: a read it needs; for backup and restore: one of their steps); "
            + "the error names the host and step"),
    USAGE(2, "bad usage: unknown option, missing argument, a needed answer missing in non-interactive mode (for apply: hosts to "
            + "remove, without --prune; for restore and reset: --yes)"),
    /** Terraform's meaning of 2, only asked for with --detailed-exitcode; a usage error is caught before any plan. */
    CHANGES_PENDING(2, "plan (or apply --dry-run) --detailed-exitcode: changes are pending"),
    INVALID_INVENTORY(3, "the inventory is invalid; every problem is listed as file:line:column"),
    PREFLIGHT_FAILED(4, "a host is unreachable or unusable (login, sudo) or failed a preflight check (for apply: also the servers' "
            + "datastore check of step 1 failing before any change), or the backup before an upgrade failed, or another run "
            + "holds the apply lock or the cluster's apply Lease (named in the error); no host was changed"),
    REFUSED(5, "backup or restore refused before any change: the backup fails its checksums or does not fit the inventory, "
            + "or the servers run (restore without --stop-servers), or a confirmation was not given (restore, reset)"),
    PARTIAL(6, "reset: the hosts that could be reached were reset; those that could not are named, and keep what they had"),
    INTERNAL(70, "internal error (a bug: please report it with the run log)"),
    INTERRUPTED(130, "interrupted (Ctrl-C); the next apply carries on from what is there");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    /**
     * The exit code a command returned (2: a usage error, as every command but plan
     * --detailed-exitcode means it); an unknown number is a bug.
     */
    public static ExitCode of(int code) {
        for (ExitCode exitCode : values()) {
            if (exitCode.code == code) {
                return exitCode;
            }
        }
        return INTERNAL;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
