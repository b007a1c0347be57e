package io.k3j.plan;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * How one node's labels and taints come to the inventory's, k3j-install touching only its own: the
 * ones the inventory wants now, and the ones it set before, which the node's annotations
 * {@value #MANAGED_LABELS} (label keys) and {@value #MANAGED_TAINTS} (taints) list. A label or taint
 * someone else set is left alone, unless the inventory now wants that key (it is then k3j-install's).
 * A taint is known by its key and effect, as Kubernetes keeps them; a new value for one is a change.
 * Pure: what the node has now in, the edits and the annotations to record out.
 */
public record NodeLabelsDiff(List<Edit> edits, String managedLabels, String managedTaints, boolean recordChanges) {

    public static final String MANAGED_LABELS = "k3j.io/managed-labels";
    public static final String MANAGED_TAINTS = "k3j.io/managed-taints";

    /** What is done to one label or taint. */
    public enum Kind { ADD, CHANGE, REMOVE }

    /** One label or taint added, changed or removed: {@code from} and {@code to} as {@code key=value} or {@code key=value:Effect}. */
    public record Edit(boolean taint, Kind kind, Optional<String> from, Optional<String> to) {

        /** As the plan shows it: {@code label zone=a -> zone=b}, {@code taint gpu=true:NoSchedule}. */
        public String describe() {
            String what = taint ? "taint " : "label ";
            return switch (kind) {
                case ADD -> what + to.orElseThrow();
                case CHANGE -> what + from.orElseThrow() + " -> " + to.orElseThrow();
                case REMOVE -> what + from.orElseThrow();
            };
        }

        /** The argument of {@code kubectl label} or {@code kubectl taint} (with --overwrite) that makes it. */
        public String kubectlArgument() {
            if (kind != Kind.REMOVE) {
                return to.orElseThrow();
            }
            String removed = from.orElseThrow();
            return (taint ? Taint.parse(removed).identity() : removed.substring(0, removed.indexOf('='))) + "-";
        }
    }

    /** Nothing to edit and nothing to record: the node is as the inventory wants. */
    public boolean none() {
        return edits.isEmpty() && !recordChanges;
    }

    /** The label keys k3j-install manages, before and now: recorded before anything is set, so nothing it sets goes untracked. */
    public static String union(String recorded, String now) {
        Set<String> all = new TreeSet<>(split(recorded));
        all.addAll(split(now));
        return String.join(",", all);
    }

    /** The taints k3j-install manages, before and now, in that order. */
    public static String taintUnion(String recorded, String now) {
        Set<String> all = new LinkedHashSet<>(split(recorded));
        all.addAll(split(now));
        return String.join(",", all);
    }

    /**
     * The edits that make a node with {@code labels}, {@code taints} (as {@link Node}-style
     * {@code key=value:Effect} texts) and {@code annotations} carry {@code wantedLabels} and
     * {@code wantedTaints}.
     */
    public static NodeLabelsDiff between(Map<String, String> wantedLabels, List<String> wantedTaints,
                                         Map<String, String> labels, List<String> taints, Map<String, String> annotations) {
        List<Edit> edits = new ArrayList<>();
        new TreeMap<>(wantedLabels).forEach((key, value) -> {
            String now = labels.get(key);
            if (now == null) {
                edits.add(new Edit(false, Kind.ADD, Optional.empty(), Optional.of(key + "=" + value)));
            } else if (!now.equals(value)) {
                edits.add(new Edit(false, Kind.CHANGE, Optional.of(key + "=" + now), Optional.of(key + "=" + value)));
            }
        });
        for (String key : new TreeSet<>(split(annotations.get(MANAGED_LABELS)))) {
            if (!wantedLabels.containsKey(key) && labels.containsKey(key)) {
                edits.add(new Edit(false, Kind.REMOVE, Optional.of(key + "=" + labels.get(key)), Optional.empty()));
            }
        }
        Map<String, Taint> present = byIdentity(taints);
        Map<String, Taint> wanted = byIdentity(wantedTaints);
        wanted.forEach((identity, taint) -> {
            Taint now = present.get(identity);
            if (now == null) {
                edits.add(new Edit(true, Kind.ADD, Optional.empty(), Optional.of(taint.text())));
            } else if (!now.value().equals(taint.value())) {
                edits.add(new Edit(true, Kind.CHANGE, Optional.of(now.text()), Optional.of(taint.text())));
            }
        });
        byIdentity(split(annotations.get(MANAGED_TAINTS))).keySet().stream()
                .filter(identity -> !wanted.containsKey(identity) && present.containsKey(identity))
                .forEach(identity -> edits.add(new Edit(true, Kind.REMOVE, Optional.of(present.get(identity).text()), Optional.empty())));
        String managedLabels = String.join(",", new TreeSet<>(wantedLabels.keySet()));
        String managedTaints = wanted.values().stream().map(Taint::text).collect(Collectors.joining(","));
        boolean recordChanges = !managedLabels.equals(annotations.getOrDefault(MANAGED_LABELS, ""))
                || !managedTaints.equals(annotations.getOrDefault(MANAGED_TAINTS, ""));
        return new NodeLabelsDiff(List.copyOf(edits), managedLabels, managedTaints, recordChanges);
    }

    private static List<String> split(String list) {
        return list == null || list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static Map<String, Taint> byIdentity(List<String> taints) {
        Map<String, Taint> byIdentity = new LinkedHashMap<>();
        taints.stream().map(Taint::parse).forEach(taint -> byIdentity.putIfAbsent(taint.identity(), taint));
        return byIdentity;
    }

    /** {@code key[=value]:Effect}; no value and an empty one are the same to Kubernetes. */
    private record Taint(String key, String value, String effect) {

        static Taint parse(String text) {
            int colon = text.lastIndexOf(':');
            String keyValue = colon < 0 ? text : text.substring(0, colon);
            String effect = colon < 0 ? "" : text.substring(colon + 1);
            int equals = keyValue.indexOf('=');
            return equals < 0 ? new Taint(keyValue, "", effect) : new Taint(keyValue.substring(0, equals), keyValue.substring(equals + 1), effect);
        }

        String identity() {
            return key + ":" + effect;
        }

        String text() {
            return key + (value.isEmpty() ? "" : "=" + value) + ":" + effect;
        }
    }
}
