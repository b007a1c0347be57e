package io.k3j.k3sdouble.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A {@code fieldSelector} (k8s.io/apimachinery/pkg/fields): {@code field=value}, {@code ==} or
 * {@code !=}, joined by commas, over the fields a resource supports (for nodes:
 * {@code metadata.name} and {@code spec.unschedulable}, pkg/registry/core/node NodeToSelectableFields);
 * any other field is refused as the apiserver refuses it.
 */
public final class FieldSelector {
    private record Term(String field, boolean equal, String value) {
    }

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public static FieldSelector parse(String text, List<String> supportedFields) throws ApiError {
        return parse(text, supportedFields, field -> "field label not supported: " + field);
    }

    /** As {@link #parse(String, List)}, a field outside {@code supportedFields} refused with {@code refusal}'s message. */
    public static FieldSelector parse(String text, List<String> supportedFields, Function<String, String> refusal) throws ApiError {
        List<Term> terms = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return new FieldSelector(terms);
        }
        for (String part : text.split(",")) {
            boolean equal = !part.contains("!=");
            String[] fieldValue = part.split(equal ? "==?" : "!=", 2);
            if (fieldValue.length != 2) {
                throw ApiError.badRequest("invalid selector: '" + text + "'; can't understand '" + part + "'");
            }
            String field = fieldValue[0].strip();
            if (!supportedFields.contains(field)) {
                throw ApiError.badRequest(refusal.apply(field));
            }
            terms.add(new Term(field, equal, fieldValue[1].strip()));
        }
        return new FieldSelector(terms);
    }

    /** Whether the object whose selectable fields {@code fields} gives matches every term. */
    public boolean matches(Function<String, String> fields) {
        return terms.stream().allMatch(term -> term.value().equals(fields.apply(term.field())) == term.equal());
    }

    /** The selectable fields of a v1 Node. */
    @SuppressWarnings("unchecked")
    public static String nodeField(Map<String, Object> node, String field) {
        return switch (field) {
            case "metadata.name" -> String.valueOf(((Map<String, Object>) node.get("metadata")).get("name"));
            case "spec.unschedulable" -> String.valueOf(Boolean.TRUE.equals(((Map<String, Object>) node.getOrDefault("spec", Map.of()))
                    .get("unschedulable")));
            default -> null;
        };
    }

    public static final List<String> NODE_FIELDS = List.of("metadata.name", "spec.unschedulable");
}
