package io.k3j.k3sdouble.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What every object's {@code metadata} holds that the API reads: its name and labels. */
final class Meta {

    private Meta() {
    }

    @SuppressWarnings("unchecked")
    static String name(Map<String, Object> object) {
        return String.valueOf(((Map<String, Object>) object.get("metadata")).get("name"));
    }

    @SuppressWarnings("unchecked")
    static Map<String, String> labels(Map<String, Object> object) {
        Map<String, String> labels = new LinkedHashMap<>();
        ((Map<String, Object>) ((Map<String, Object>) object.get("metadata")).getOrDefault("labels", Map.of()))
                .forEach((key, value) -> labels.put(key, String.valueOf(value)));
        return labels;
    }
}
