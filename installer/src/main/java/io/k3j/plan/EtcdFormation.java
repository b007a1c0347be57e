package io.k3j.plan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a member's config gives as {@code initial-cluster} ({@code members}) and
 * {@code initial-cluster-state}. etcd reads them only on the member's first start (etcd's
 * configuration docs), so a member that holds data keeps the formation it started with: rewriting
 * it would restart the member for nothing.
 */
public record EtcdFormation(List<Peer> members, String state) {
    public static final String NEW = "new";
    /** A member that joins a running cluster, added to it first ({@code etcdctl member add}). */
    public static final String EXISTING = "existing";
    /** What k3j-install writes into a name or peer URL (the template's word()): the same read back from a host. */
    private static final Pattern INERT = Pattern.compile("[A-Za-z0-9._:/*-]+");

    public record Peer(String name, String peerUrl) {

        /** Whether k3j-install can write it into a config (the template's word()). */
        public boolean writable() {
            return INERT.matcher(name).matches() && INERT.matcher(peerUrl).matches();
        }
    }

    public static EtcdFormation of(List<EtcdMember> members, String state) {
        return new EtcdFormation(members.stream().map(member -> new Peer(member.name(), member.peerUrl())).toList(), state);
    }

    /**
     * A formation read back from a member's config ({@code name=peerUrl,...}); empty when it is not
     * one k3j-install could have written, so a file changed by hand is written anew.
     */
    public static Optional<EtcdFormation> parse(String initialCluster, String state) {
        if (!List.of(NEW, EXISTING).contains(state)) {
            return Optional.empty();
        }
        List<Peer> peers = new ArrayList<>();
        for (String entry : initialCluster.split(",", -1)) {
            String[] parts = entry.split("=", -1);
            if (parts.length != 2 || !new Peer(parts[0], parts[1]).writable()) {
                return Optional.empty();
            }
            peers.add(new Peer(parts[0], parts[1]));
        }
        return Optional.of(new EtcdFormation(List.copyOf(peers), state));
    }

    /** The template's {@code members}. */
    List<Map<String, String>> model() {
        return members.stream().map(peer -> Map.of("name", peer.name(), "peerUrl", peer.peerUrl())).toList();
    }
}
