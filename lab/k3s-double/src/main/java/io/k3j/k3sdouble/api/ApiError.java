package io.k3j.k3sdouble.api;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A failed API call as the apiserver answers it: a v1 {@code Status} with its code, reason and
 * message in the words of k8s.io/apimachinery/pkg/api/errors (NewNotFound, NewConflict, ...).
 */
public final class ApiError extends Exception {
    private final int code;
    private final String reason;
    private final Map<String, Object> details;

    public ApiError(int code, String reason, String message, Map<String, Object> details) {
        super(message);
        this.code = code;
        this.reason = reason;
        this.details = details;
    }

    public int code() {
        return code;
    }

    public static ApiError unauthorized() {
        return new ApiError(401, "Unauthorized", "Unauthorized", null);
    }

    /** errors.NewForbidden: {@code nodes "x" is forbidden: User "u" cannot patch resource "nodes" in API group "" at the cluster scope}. */
    public static ApiError forbidden(String user, String verb, String resource, String name) {
        String object = name.isEmpty() ? resource : resource + " \"" + name + "\"";
        return new ApiError(403, "Forbidden", object + " is forbidden: User \"" + user + "\" cannot " + verb + " resource \"" + resource
                + "\" in API group \"\" at the cluster scope", details(name, resource));
    }

    public static ApiError notFound(String resource, String name) {
        return new ApiError(404, "NotFound", resource + " \"" + name + "\" not found", details(name, resource));
    }

    public static ApiError alreadyExists(String resource, String name) {
        return new ApiError(409, "AlreadyExists", resource + " \"" + name + "\" already exists", details(name, resource));
    }

    /** errors.NewConflict with the registry's OptimisticLockErrorMsg, as a write at a stale resourceVersion gets it. */
    public static ApiError conflict(String resource, String name) {
        return new ApiError(409, "Conflict", "Operation cannot be fulfilled on " + resource + " \"" + name
                + "\": the object has been modified; please apply your changes to the latest version and try again",
                details(name, resource));
    }

    /** errors.NewInvalid: {@code Node "x" is invalid: field: Invalid value: ...}; its details name the kind (kubectl prints "The Node ..."). */
    public static ApiError invalid(String kind, String name, String field, String problem) {
        Map<String, Object> details = details(name, kind);
        details.put("causes", java.util.List.of(Map.of("reason", "FieldValueInvalid", "message", problem, "field", field)));
        return new ApiError(422, "Invalid", kind + " \"" + name + "\" is invalid: " + field + ": " + problem, details);
    }

    public static ApiError badRequest(String message) {
        return new ApiError(400, "BadRequest", message, null);
    }

    public static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null);
    }

    public static ApiError unsupportedMediaType(String type) {
        return new ApiError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - accepted media types include: "
                + "application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json", null);
    }

    /** The 404 of a path the apiserver does not serve at all. */
    public static ApiError pathNotFound() {
        return new ApiError(404, "NotFound", "the server could not find the requested resource", null);
    }

    /** errors.NewServiceUnavailable: K3s' supervisor answers it with {@code apiserver not ready} until its apiserver runs. */
    public static ApiError serviceUnavailable(String message) {
        return new ApiError(503, "ServiceUnavailable", message, null);
    }

    public static ApiError internal(String message) {
        return new ApiError(500, "InternalError", "Internal error occurred: " + message, null);
    }

    private static Map<String, Object> details(String name, String kind) {
        Map<String, Object> details = new LinkedHashMap<>();
        if (!name.isEmpty()) {
            details.put("name", name);
        }
        details.put("kind", kind);
        return details;
    }

    /** The v1 Status body. */
    public Map<String, Object> status() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.put("metadata", Map.of());
        status.put("status", "Failure");
        status.put("message", getMessage());
        status.put("reason", reason);
        if (details != null) {
            status.put("details", details);
        }
        status.put("code", code);
        return status;
    }
}
