package io.k3j.k3sdouble.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The three patch types of a PATCH request, applied to an object as JSON maps and lists: JSON
 * merge patch (RFC 7386, {@code application/merge-patch+json}: maps merged, null deletes, anything
 * else replaces), strategic merge patch ({@code application/strategic-merge-patch+json},
 * k8s.io/apimachinery/pkg/util/strategicpatch: a merge patch whose lists with a patch merge key
 * are merged by that key, with the {@code $patch}, {@code $setElementOrder}, {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList} directives) and JSON patch (RFC 6902,
 * {@code application/json-patch+json}: add, remove, replace, test, move, copy).
 */
public final class Patch {
    /** Lists merged by key under strategic merge patch: the patchMergeKey tags of k8s.io/api core/v1 (the others are replaced). */
    private static final Map<String, String> MERGE_KEYS = Map.of(
            "status.conditions", "type",
            "status.addresses", "type",
            "metadata.ownerReferences", "uid");

    private Patch() {
    }

    public static Map<String, Object> apply(String contentType, Map<String, Object> target, Object patch) throws ApiError {
        MediaType type = MediaType.parse(contentType);
        return switch (type.type()) {
            case "application/merge-patch+json" -> asObject(merge(target, patch));
            case "application/strategic-merge-patch+json" -> asObject(strategic(target, patch, ""));
            case "application/json-patch+json" -> jsonPatch(target, patch);
            default -> throw ApiError.unsupportedMediaType(contentType);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asObject(Object value) throws ApiError {
        if (value instanceof Map<?, ?> map) {
            return (Map<String, Object>) map;
        }
        throw ApiError.badRequest("the patch did not leave an object");
    }

    /** RFC 7386 MergePatch. */
    @SuppressWarnings("unchecked")
    static Object merge(Object target, Object patch) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> result = target instanceof Map<?, ?> targetMap ? new LinkedHashMap<>((Map<String, Object>) targetMap)
                : new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : ((Map<String, Object>) patchMap).entrySet()) {
            if (entry.getValue() == null) {
                result.remove(entry.getKey());
            } else {
                result.put(entry.getKey(), merge(result.get(entry.getKey()), entry.getValue()));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static Object strategic(Object target, Object patch, String path) {
        if (!(patch instanceof Map<?, ?> patchMap)) {
            return patch;
        }
        Map<String, Object> patchFields = (Map<String, Object>) patchMap;
        if ("replace".equals(patchFields.get("$patch"))) {
            Map<String, Object> replaced = new LinkedHashMap<>(patchFields);
            replaced.remove("$patch");
            return replaced;
        }
        Map<String, Object> result = target instanceof Map<?, ?> targetMap ? new LinkedHashMap<>((Map<String, Object>) targetMap)
                : new LinkedHashMap<>();
        for (Map.Entry<String, Object> entry : patchFields.entrySet()) {
            String key = entry.getKey();
            Object value = entry.getValue();
            if (key.startsWith("$setElementOrder/") || key.equals("$retainKeys") || key.equals("$patch")) {
                continue; // ordering and retention hints: the result's content does not depend on them here
            }
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                if (result.get(field) instanceof List<?> list && value instanceof List<?> remove) {
                    List<Object> kept = new ArrayList<>(list);
                    kept.removeAll(remove);
                    result.put(field, kept);
                }
                continue;
            }
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (value == null) {
                result.remove(key);
            } else if (value instanceof Map<?, ?> map && "delete".equals(map.get("$patch"))) {
                result.remove(key);
            } else if (value instanceof List<?> list && MERGE_KEYS.containsKey(childPath)) {
                result.put(key, mergeList(result.get(key), (List<Object>) list, MERGE_KEYS.get(childPath), childPath));
            } else {
                result.put(key, strategic(result.get(key), value, childPath));
            }
        }
        return result;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> mergeList(Object target, List<Object> patch, String mergeKey, String path) {
        List<Object> result = target instanceof List<?> list ? new ArrayList<>((List<Object>) list) : new ArrayList<>();
        for (Object item : patch) {
            if (!(item instanceof Map<?, ?> patchItem)) {
                result.add(item);
                continue;
            }
            Object key = patchItem.get(mergeKey);
            int at = -1;
            for (int i = 0; i < result.size(); i++) {
                if (result.get(i) instanceof Map<?, ?> existing && key != null && key.equals(existing.get(mergeKey))) {
                    at = i;
                }
            }
            if ("delete".equals(patchItem.get("$patch"))) {
                if (at >= 0) {
                    result.remove(at);
                }
            } else if (at >= 0) {
                result.set(at, strategic(result.get(at), patchItem, path));
            } else {
                result.add(strategic(null, patchItem, path));
            }
        }
        return result;
    }

    /** RFC 6902 on a copy: every operation applies or the patch fails whole. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonPatch(Map<String, Object> target, Object patch) throws ApiError {
        if (!(patch instanceof List<?> operations)) {
            throw ApiError.badRequest("json: cannot unmarshal object into Go value of type jsonpatch.Patch");
        }
        Object document = io.k3j.k3sdouble.Json.copy(target);
        for (Object item : operations) {
            Map<String, Object> operation = (Map<String, Object>) item;
            String op = String.valueOf(operation.get("op"));
            List<String> path = pointer(String.valueOf(operation.get("path")));
            switch (op) {
                case "add" -> document = add(document, path, io.k3j.k3sdouble.Json.copy(operation.get("value")));
                case "remove" -> remove(document, path);
                case "replace" -> {
                    remove(document, path);
                    document = add(document, path, io.k3j.k3sdouble.Json.copy(operation.get("value")));
                }
                case "test" -> {
                    if (!java.util.Objects.equals(get(document, path), operation.get("value"))) {
                        throw new ApiError(422, "Invalid", "the server rejected our request due to an error in our request: "
                                + "testing value " + operation.get("path") + " failed", null);
                    }
                }
                case "move", "copy" -> {
                    List<String> from = pointer(String.valueOf(operation.get("from")));
                    Object value = io.k3j.k3sdouble.Json.copy(get(document, from));
                    if (op.equals("move")) {
                        remove(document, from);
                    }
                    document = add(document, path, value);
                }
                default -> throw ApiError.badRequest("Unexpected kind: " + op);
            }
        }
        return asObject(document);
    }

    private static List<String> pointer(String path) throws ApiError {
        if (path.isEmpty()) {
            return List.of();
        }
        if (!path.startsWith("/")) {
            throw ApiError.badRequest("JSON pointer must be empty or start with a \"/\": " + path);
        }
        List<String> tokens = new ArrayList<>();
        for (String token : path.substring(1).split("/", -1)) {
            tokens.add(token.replace("~1", "/").replace("~0", "~"));
        }
        return tokens;
    }

    @SuppressWarnings("unchecked")
    private static Object get(Object document, List<String> path) throws ApiError {
        Object current = document;
        for (String token : path) {
            if (current instanceof Map<?, ?> map && map.containsKey(token)) {
                current = map.get(token);
            } else if (current instanceof List<?> list && index(token, list.size() - 1) >= 0) {
                current = list.get(index(token, list.size() - 1));
            } else {
                throw missing(path);
            }
        }
        return current;
    }

    @SuppressWarnings("unchecked")
    private static Object add(Object document, List<String> path, Object value) throws ApiError {
        if (path.isEmpty()) {
            return value;
        }
        Object parent = get(document, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map) {
            ((Map<String, Object>) map).put(last, value);
        } else if (parent instanceof List<?> list) {
            int at = last.equals("-") ? list.size() : index(last, list.size());
            if (at < 0) {
                throw missing(path);
            }
            ((List<Object>) list).add(at, value);
        } else {
            throw missing(path);
        }
        return document;
    }

    private static void remove(Object document, List<String> path) throws ApiError {
        if (path.isEmpty()) {
            throw missing(path);
        }
        Object parent = get(document, path.subList(0, path.size() - 1));
        String last = path.get(path.size() - 1);
        if (parent instanceof Map<?, ?> map && map.containsKey(last)) {
            map.remove(last);
        } else if (parent instanceof List<?> list && index(last, list.size() - 1) >= 0) {
            list.remove(index(last, list.size() - 1));
        } else {
            throw missing(path);
        }
    }

    private static int index(String token, int max) {
        if (!token.matches("0|[1-9][0-9]{0,8}")) {
            return -1;
        }
        int index = Integer.parseInt(token);
        return index <= max ? index : -1;
    }

    private static ApiError missing(List<String> path) {
        return new ApiError(422, "Invalid", "the server rejected our request due to an error in our request: "
                + "jsonpatch: path /" + String.join("/", path) + " does not exist", null);
    }
}
