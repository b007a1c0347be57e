package io.k3j.k3sdouble.api;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** One media type of an Accept or Content-Type header: {@code application/json;as=Table;v=v1;g=meta.k8s.io}. */
public record MediaType(String type, Map<String, String> parameters) {

    public static MediaType parse(String text) {
        String[] parts = (text == null ? "" : text).split(";");
        Map<String, String> parameters = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] keyValue = parts[i].split("=", 2);
            if (keyValue.length == 2) {
                parameters.put(keyValue[0].strip().toLowerCase(Locale.ROOT), keyValue[1].strip().replace("\"", ""));
            }
        }
        return new MediaType(parts[0].strip().toLowerCase(Locale.ROOT), parameters);
    }

    public boolean is(String mediaType) {
        return type.equals(mediaType);
    }

    public String parameter(String name) {
        return parameters.get(name);
    }

    /** Whether any type in the Accept header asks for a meta.k8s.io/v1 Table (kubectl get's server-side printing). */
    public static boolean asksForTable(String accept) {
        if (accept == null) {
            return false;
        }
        for (String type : accept.split(",")) {
            MediaType media = parse(type);
            if ("Table".equals(media.parameter("as")) && "meta.k8s.io".equals(media.parameter("g")) && "v1".equals(media.parameter("v"))) {
                return true;
            }
        }
        return false;
    }
}
