package io.k3j.plan;

import java.net.URI;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * A member of a running etcd cluster as {@code etcdctl member list} gives it (gather-facts.sh's
 * {@code etcd_members}: one {@code id|status|name|peer URLs|client URLs|learner} per member). A
 * member added but not started yet has no name (etcd's etcdctl/ctlv3/command/printer_simple.go).
 */
public record LiveEtcdMember(String id, boolean started, String name, List<String> peerUrls, boolean learner) {

    /**
     * Every member of the fact's list; a word that is not one (a truncated line, a member without
     * peer URLs, which etcd never has) is passed over.
     */
    public static List<LiveEtcdMember> parseAll(String fact) {
        return Arrays.stream(fact.trim().split("\\s+")).map(word -> word.split("\\|", -1)).filter(fields -> fields.length == 6)
                .filter(fields -> fields[0].matches("[0-9a-f]{1,16}") && !fields[3].isEmpty())
                .map(fields -> new LiveEtcdMember(fields[0], fields[1].equals("started"), fields[2],
                        List.of(fields[3].split(",")), fields[5].equals("true")))
                .toList();
    }

    /** A member that counts for the quorum (a learner does not, until promoted). */
    public boolean voting() {
        return !learner;
    }

    public boolean hasPeerUrl(String url) {
        return peerUrls.contains(url);
    }

    /** The host its first peer URL names: where k3j-install finds the member to clean it. */
    public Optional<String> peerHost() {
        return peerUrls.stream().findFirst().map(url -> {
            try {
                return URI.create(url).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }).map(host -> host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    /** How people know it: its name, else (not started yet) its peer URL. */
    public String described() {
        return name.isEmpty() ? String.join(",", peerUrls) + " (not started)" : name;
    }
}
