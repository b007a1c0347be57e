package io.k3j.facts;

import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads the key=value lines of gather-facts.sh into {@link HostFacts}. */
public final class FactsParser {

    /** The services gather-facts.sh reports, by the fact key it reports them under. */
    private static final Map<String, String> SERVICES = Map.of(
            "k3s_server", "k3s", "k3s_agent", "k3s-agent", "haproxy", "haproxy", "keepalived", "keepalived",
            "postgresql", "postgresql", "mariadb", "mariadb", "etcd", "k3j-etcd");

    private FactsParser() {
    }

    public static HostFacts parse(String output) {
        Map<String, String> facts = new HashMap<>();
        for (String line : output.split("\n")) {
            int equals = line.indexOf('=');
            if (equals > 0) {
                facts.put(line.substring(0, equals), line.substring(equals + 1).trim());
            }
        }
        Set<String> active = SERVICES.entrySet().stream()
                .filter(service -> "active".equals(facts.get(service.getKey())))
                .map(Map.Entry::getValue)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        return new HostFacts(
                facts.getOrDefault("os", ""),
                facts.getOrDefault("os_pretty", ""),
                facts.getOrDefault("arch", ""),
                facts.getOrDefault("hostname", ""),
                facts.getOrDefault("init", ""),
                facts.getOrDefault("systemd_state", ""),
                words(facts.get("addresses")),
                number(facts.get("time_epoch")),
                number(facts.get("disk_free_kb")),
                words(facts.get("listening")).stream().filter(word -> word.matches("\\d{1,5}")).map(Integer::valueOf)
                        .collect(Collectors.toCollection(LinkedHashSet::new)),
                present(facts.get("k3s_version")),
                active,
                present(facts.get("postgresql_major")),
                new LinkedHashSet<>(words(facts.get("packages"))),
                present(facts.get("etcd_cluster")),
                present(facts.get("etcd_cluster_state")),
                present(facts.get("etcd_members")));
    }

    private static List<String> words(String value) {
        return value == null || value.isBlank() ? List.of() : Arrays.asList(value.trim().split("\\s+"));
    }

    private static long number(String value) {
        try {
            return value == null ? 0 : Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Optional<String> present(String value) {
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value);
    }
}
