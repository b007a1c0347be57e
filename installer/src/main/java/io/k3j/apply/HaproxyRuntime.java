package io.k3j.apply;

import io.k3j.ssh.Shell;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * HAProxy's runtime API as apply uses it on a registration host (HAProxy's management guide, "Unix
 * Socket commands"): one command sent to the stats socket haproxy.cfg opens
 * (templates/haproxy/haproxy.cfg.ftl), and what {@code show stat} and {@code show servers state}
 * say of one server of a backend. Pure: {@link HaproxyDrain} runs the scripts.
 */
final class HaproxyRuntime {
    static final String SOCKET = "/run/haproxy/k3j-admin.sock";
    /** The script's exit status when the host has no such socket (no HAProxy yet, or one of an older haproxy.cfg). */
    static final int NO_SOCKET = 3;
    /**
     * A backend or server name as it may go on a command line: HAProxy's CLI splits a line into
     * words at spaces and into commands at {@code ;}, and reads {@code \} as an escape, so a name
     * with any of them could send a second command. None passes; haproxy.cfg's word() lets in no more.
     */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]+");
    /** {@code srv_admin_state}'s bit for a drain set through this API (HAProxy's SRV_ADMF_FDRAIN, include/haproxy/server-t.h). */
    private static final int FORCED_DRAIN = 0x08;

    /** The administrative states apply sets: out of rotation for new connections, and back. */
    enum State { READY, DRAIN }

    /** What {@code show stat} says of a server: its current sessions ({@code scur}) and its status (UP, DOWN, DRAIN, …). */
    record ServerStat(int sessions, String status) {
    }

    private HaproxyRuntime() {
    }

    static String setState(String backend, String server, State state) {
        return "set server " + name(backend) + "/" + name(server) + " state " + state.name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The backend's servers only (type 4, every server id -1). */
    static String showStat(String backend) {
        return "show stat " + name(backend) + " 4 -1";
    }

    static String showServersState(String backend) {
        return "show servers state " + name(backend);
    }

    /**
     * Sends {@code command} as one line and prints HAProxy's answer: without a prompt HAProxy answers
     * one line and closes the connection, so {@code nc -U} (netcat-openbsd) returns with it.
     */
    static String script(String command) {
        return "[ -S " + SOCKET + " ] || exit " + NO_SOCKET + "\n"
                + "printf '%s\\n' " + Shell.quote(command) + " | nc -U " + SOCKET + "\n";
    }

    /** A {@code set server} answers nothing when it is done, else why not ("No such server."). */
    static Optional<String> refusal(String answer) {
        String said = answer.strip();
        return said.isEmpty() ? Optional.empty() : Optional.of(said);
    }

    /**
     * The server's line of {@code show stat}'s CSV, read by the header's names. Only fields before
     * the free-text ones (check_desc, …) are read, so a quoted comma there cannot move them.
     */
    static Optional<ServerStat> stat(String csv, String backend, String server) {
        List<String> lines = csv.lines().toList();
        if (lines.isEmpty() || !lines.get(0).startsWith("# ")) {
            return Optional.empty();
        }
        List<String> header = Arrays.asList(lines.get(0).substring(2).split(",", -1));
        int proxy = header.indexOf("pxname");
        int name = header.indexOf("svname");
        int sessions = header.indexOf("scur");
        int status = header.indexOf("status");
        if (proxy < 0 || name < 0 || sessions < 0 || status < 0) {
            return Optional.empty();
        }
        return lines.stream().skip(1).map(line -> line.split(",", -1))
                .filter(fields -> fields.length > Math.max(Math.max(proxy, name), Math.max(sessions, status)))
                .filter(fields -> fields[proxy].equals(backend) && fields[name].equals(server))
                .findFirst()
                .flatMap(fields -> number(fields[sessions]).map(count -> new ServerStat(count, fields[status])));
    }

    /**
     * Whether {@code show servers state} (format version 1: a version line, a {@code #} header, a
     * line per server, words apart) has the server drained through the runtime API.
     */
    static Optional<Boolean> drained(String state, String backend, String server) {
        List<String> lines = state.lines().toList();
        Optional<String> headerLine = lines.stream().filter(line -> line.startsWith("# ")).findFirst();
        if (headerLine.isEmpty()) {
            return Optional.empty();
        }
        List<String> header = Arrays.asList(headerLine.get().substring(2).strip().split("\\s+"));
        int proxy = header.indexOf("be_name");
        int name = header.indexOf("srv_name");
        int admin = header.indexOf("srv_admin_state");
        if (proxy < 0 || name < 0 || admin < 0) {
            return Optional.empty();
        }
        return lines.stream().filter(line -> !line.isBlank() && !line.startsWith("#")).map(line -> line.strip().split("\\s+"))
                .filter(fields -> fields.length > Math.max(Math.max(proxy, name), admin))
                .filter(fields -> fields[proxy].equals(backend) && fields[name].equals(server))
                .findFirst()
                .flatMap(fields -> number(fields[admin]).map(bits -> (bits & FORCED_DRAIN) != 0));
    }

    private static Optional<Integer> number(String field) {
        try {
            return Optional.of(Integer.parseInt(field));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static String name(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("'" + name + "' cannot go on HAProxy's command line (letters, digits and . _ : - only): "
                    + "a bug, the inventory should have refused it");
        }
        return name;
    }
}
