package io.k3j.wizard;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A list of hosts as the wizard asks for it: addresses separated by commas or spaces, each
 * optionally with its node name, {@code NAME=ADDRESS}.
 */
record HostList(List<Entry> entries) {

    record Entry(String address, Optional<String> name) {

        static Entry parse(String text) {
            int equals = text.indexOf('=');
            return equals < 0
                    ? new Entry(text, Optional.empty())
                    : new Entry(text.substring(equals + 1), Optional.of(text.substring(0, equals)));
        }

        String format() {
            return name.map(value -> value + "=" + address).orElse(address);
        }
    }

    static HostList of(Answers answers, String key) {
        return new HostList(answers.list(key).stream().map(Entry::parse).toList());
    }

    /** A host given twice; the inventory rules catch the rest (addresses, names, roles). */
    static Optional<String> problem(String text) {
        Set<String> seen = new HashSet<>();
        for (String item : text.split("[,\\s]+")) {
            String address = Entry.parse(item).address();
            if (!address.isEmpty() && !seen.add(address)) {
                return Optional.of("'" + address + "' is given twice; each host once");
            }
        }
        return Optional.empty();
    }

    /**
     * The one host a PostgreSQL or MySQL is set up on ({@code NAME=ADDRESS} gives its name), or what
     * is wrong: several hosts are an etcd cluster's, as an answers file written for etcd may give them.
     */
    static Optional<String> oneHost(String text) {
        List<String> items = List.of(text.trim().split("[,\\s]+")).stream().filter(item -> !item.isEmpty()).toList();
        if (items.size() > 1) {
            return Optional.of(items.size() + " hosts given (" + String.join(", ", items) + "): PostgreSQL and MySQL are set up "
                    + "on one host, as their replication is not built yet; several hosts (datastore.hosts) are for etcd");
        }
        return problem(text);
    }

    List<String> addresses() {
        return entries.stream().map(Entry::address).toList();
    }

    static String format(List<Entry> entries) {
        return String.join(", ", entries.stream().map(Entry::format).toList());
    }
}
