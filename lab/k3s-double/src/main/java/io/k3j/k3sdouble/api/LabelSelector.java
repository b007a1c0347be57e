package io.k3j.k3sdouble.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code labelSelector} as k8s.io/apimachinery/pkg/labels.Parse reads it: requirements joined by
 * commas, each {@code key}, {@code !key}, {@code key=value} ({@code ==}), {@code key!=value},
 * {@code key in (a,b)} or {@code key notin (a,b)}; every requirement must hold.
 */
public final class LabelSelector {
    private record Requirement(String key, String operator, Set<String> values) {
        boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case "exists" -> labels.containsKey(key);
                case "!" -> !labels.containsKey(key);
                case "=", "in" -> value != null && values.contains(value);
                case "!=", "notin" -> value == null || !values.contains(value);
                default -> throw new IllegalStateException(operator);
            };
        }
    }

    private final List<Requirement> requirements;

    private LabelSelector(List<Requirement> requirements) {
        this.requirements = requirements;
    }

    public static LabelSelector parse(String text) throws ApiError {
        List<Requirement> requirements = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new LabelSelector(requirements);
        }
        for (String part : splitOutsideParentheses(text)) {
            requirements.add(requirement(part.strip(), text));
        }
        return new LabelSelector(requirements);
    }

    public boolean matches(Map<String, String> labels) {
        return requirements.stream().allMatch(requirement -> requirement.matches(labels));
    }

    private static Requirement requirement(String part, String whole) throws ApiError {
        java.util.regex.Matcher set = java.util.regex.Pattern.compile("^(\\S+)\\s+(in|notin)\\s*\\((.*)\\)$").matcher(part);
        if (set.matches()) {
            Set<String> values = new java.util.LinkedHashSet<>();
            for (String value : set.group(3).split(",")) {
                values.add(value.strip());
            }
            return new Requirement(set.group(1), set.group(2), values);
        }
        for (String operator : List.of("!=", "==", "=")) {
            int at = part.indexOf(operator);
            if (at > 0) {
                String key = part.substring(0, at).strip();
                String value = part.substring(at + operator.length()).strip();
                return new Requirement(key, operator.equals("!=") ? "!=" : "=", Set.of(value));
            }
        }
        if (part.startsWith("!") && part.length() > 1) {
            return new Requirement(part.substring(1).strip(), "!", Set.of());
        }
        if (!part.isEmpty() && part.chars().noneMatch(c -> c == ' ' || c == '(' || c == ')')) {
            return new Requirement(part, "exists", Set.of());
        }
        throw ApiError.badRequest("unable to parse requirement: found '" + part + "' in label selector \"" + whole + "\"");
    }

    private static List<String> splitOutsideParentheses(String text) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        StringBuilder current = new StringBuilder();
        for (char c : text.toCharArray()) {
            if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            }
            if (c == ',' && depth == 0) {
                parts.add(current.toString());
                current.setLength(0);
            } else {
                current.append(c);
            }
        }
        parts.add(current.toString());
        return parts;
    }
}
