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

    List<String> addresses() {
        return entries.stream().map(Entry::address).toList();
    }

    static String format(List<Entry> entries) {
        return String.join(", ", entries.stream().map(Entry::format).toList());
    }
}
