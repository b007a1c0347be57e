package io.k3j.plan;

import io.k3j.inventory.Host;
import io.k3j.inventory.Inventory;
import io.k3j.inventory.Syntax;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The record of the K3s nodes k3j-install manages, kept on every server in {@link Paths#MANAGED_HOSTS}
 * as the token is kept: one line per host, {@code server|worker <address> <node name>}. An apply
 * reads it back before it changes anything, so a host taken out of the inventory is seen (and
 * removed with {@code --prune}); it is rewritten only once every removal is done, so a removal
 * cut short is tried again by the next apply.
 */
public final class ManagedHosts {
    private static final String HEADER = "# The K3s nodes k3j-install manages (role, address, node name); rewritten by every apply.\n";
    private static final Pattern LINE = Pattern.compile("(server|worker) (\\S+) (\\S+)");

    /** A node k3j-install installed: whether it is a server, the inventory address it was reached at, its node name. */
    public record Entry(boolean server, String address, String nodeName) {
        String line() {
            return (server ? "server" : "worker") + " " + address + " " + nodeName;
        }

        public String role() {
            return server ? "server" : "worker";
        }
    }

    private ManagedHosts() {
    }

    /** The inventory's servers and workers, as the record lists them. */
    public static List<Entry> of(Inventory inventory, HostKnowledge knowledge) {
        List<Entry> entries = new ArrayList<>();
        inventory.servers().hosts().forEach(host -> entries.add(entry(true, host, knowledge)));
        inventory.workers().hosts().forEach(host -> entries.add(entry(false, host, knowledge)));
        return entries;
    }

    private static Entry entry(boolean server, Host host, HostKnowledge knowledge) {
        return new Entry(server, host.address(), knowledge.nodeName(host));
    }

    static String render(List<Entry> entries) {
        StringBuilder text = new StringBuilder(HEADER);
        entries.forEach(entry -> text.append(entry.line()).append('\n'));
        return text.toString();
    }

    /**
     * The entries of a record as written; empty when a line is not one this class writes (the file was
     * changed by hand), or names what is no address or node name.
     */
    public static Optional<List<Entry>> parse(String text) {
        List<Entry> entries = new ArrayList<>();
        for (String line : text.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            Matcher matcher = LINE.matcher(line.strip());
            // Read from a host, then used to connect and in kubectl commands: only an address and a node name as the inventory takes them.
            if (!matcher.matches() || Syntax.address(matcher.group(2)).isPresent() || Syntax.nodeName(matcher.group(3)).isPresent()) {
                return Optional.empty();
            }
            entries.add(new Entry(matcher.group(1).equals("server"), matcher.group(2), matcher.group(3)));
        }
        return Optional.of(entries);
    }
}
