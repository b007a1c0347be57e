package io.k3j.wizard;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The wizard's answers so far, by key ({@link Keys}): the same keys the answers file uses.
 * Immutable: each answer gives a new {@code Answers}, so going back is just using an older one.
 */
public final class Answers {
    private final Map<String, String> values;

    private Answers(Map<String, String> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    public static Answers none() {
        return new Answers(new LinkedHashMap<>());
    }

    public static Answers of(Map<String, String> values) {
        return new Answers(new LinkedHashMap<>(values));
    }

    public Optional<String> get(String key) {
        return Optional.ofNullable(values.get(key));
    }

    public String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    /** Present and not empty: an empty answer means "none" (no TLS file, a generated token...). */
    public Optional<String> given(String key) {
        return get(key).filter(value -> !value.isEmpty());
    }

    public boolean is(String key, String value) {
        return value.equals(values.get(key));
    }

    public boolean yes(String key) {
        return get(key).flatMap(YesNo::parse).orElse(false);
    }

    /** A list answer: items separated by commas or spaces. */
    public List<String> list(String key) {
        return given(key).map(text -> Arrays.stream(text.split("[,\\s]+")).filter(item -> !item.isEmpty()).toList())
                .orElse(List.of());
    }

    public Answers with(String key, String value) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.put(key, value);
        return new Answers(copy);
    }

    public Answers without(String key) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.remove(key);
        return new Answers(copy);
    }

    /** These answers, overridden by {@code later}'s. */
    public Answers overriddenBy(Answers later) {
        Map<String, String> copy = new LinkedHashMap<>(values);
        copy.putAll(later.values);
        return new Answers(copy);
    }

    public Map<String, String> asMap() {
        return values;
    }
}
