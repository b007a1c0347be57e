package io.k3j.k3sdouble.objects;

import io.k3j.k3sdouble.Json;
import io.k3j.k3sdouble.kine.KineRow;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An API object as a datastore value: JSON without {@code metadata.resourceVersion}, which is the
 * key's revision and set again from it when the object is read (as the apiserver's storage does).
 */
public final class StoredJson {

    private StoredJson() {
    }

    @SuppressWarnings("unchecked")
    public static byte[] encode(Map<String, Object> object) {
        Map<String, Object> copy = (Map<String, Object>) Json.copy(object);
        ((Map<String, Object>) copy.get("metadata")).remove("resourceVersion");
        return Json.write(copy).getBytes(StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    public static Map<String, Object> decode(KineRow row) {
        Map<String, Object> object = (Map<String, Object>) Json.read(new String(row.value(), StandardCharsets.UTF_8));
        ((Map<String, Object>) object.get("metadata")).put("resourceVersion", String.valueOf(row.revision()));
        return object;
    }
}
