package io.k3j.k3sdouble.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One page of a list ({@code limit}, {@code continue}), as the apiserver's storage pages a
 * name-ordered list: the token tells where the next page starts; an unreadable token is a 400, as
 * the apiserver's {@code continue key is not valid}.
 */
public record Page<T>(List<T> items, String continueToken, long remaining) {

    public static <T> Page<T> of(List<T> sortedItems, Function<T, String> name, String limit, String continueToken) throws ApiError {
        int from = 0;
        if (continueToken != null && !continueToken.isEmpty()) {
            String start = start(continueToken);
            while (from < sortedItems.size() && name.apply(sortedItems.get(from)).compareTo(start) < 0) {
                from++;
            }
        }
        int size = limit == null || limit.isEmpty() ? 0 : parseLimit(limit);
        int to = size <= 0 ? sortedItems.size() : Math.min(sortedItems.size(), from + size);
        List<T> items = sortedItems.subList(from, to);
        if (to >= sortedItems.size()) {
            return new Page<>(items, "", 0);
        }
        String next = name.apply(sortedItems.get(to));
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(io.k3j.k3sdouble.Json.write(Map.of("v", "meta.k8s.io/v1",
                "start", next)).getBytes(StandardCharsets.UTF_8));
        return new Page<>(items, token, sortedItems.size() - to);
    }

    private static int parseLimit(String limit) throws ApiError {
        try {
            return Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("limit: Invalid value: \"" + limit + "\"");
        }
    }

    @SuppressWarnings("unchecked")
    private static String start(String token) throws ApiError {
        try {
            Object decoded = io.k3j.k3sdouble.Json.read(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
            if (decoded instanceof Map<?, ?> map && map.get("start") instanceof String start) {
                return start;
            }
        } catch (RuntimeException e) {
            // falls through to the apiserver's answer
        }
        throw ApiError.badRequest("continue key is not valid: " + token);
    }
}
