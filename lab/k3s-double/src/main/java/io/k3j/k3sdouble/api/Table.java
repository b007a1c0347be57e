package io.k3j.k3sdouble.api;

import io.k3j.k3sdouble.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A meta.k8s.io/v1 Table, what kubectl get asks for (server-side printing): column definitions,
 * then a row of cells per object with the object as {@code includeObject} asks: None, Metadata
 * (the default: a PartialObjectMetadata) or Object (the whole object).
 */
final class Table {

    /** A column as TableColumnDefinition has it; priority 1 is shown only by {@code -o wide}. */
    record Column(String name, String format, int priority, String description) {
        Map<String, Object> definition() {
            Map<String, Object> column = new LinkedHashMap<>();
            column.put("name", name);
            column.put("type", "string");
            column.put("format", format);
            column.put("description", description);
            column.put("priority", priority);
            return column;
        }
    }

    private Table() {
    }

    static Map<String, Object> of(List<Column> columns, List<Map<String, Object>> objects, Function<Map<String, Object>, List<Object>> cells,
                                  String includeObject, Map<String, Object> listMeta) {
        List<Object> rows = new ArrayList<>();
        for (Map<String, Object> object : objects) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put("cells", cells.apply(object));
            switch (includeObject == null ? "Metadata" : includeObject) {
                case "None" -> { }
                case "Object" -> row.put("object", object);
                default -> row.put("object", Json.object("kind", "PartialObjectMetadata", "apiVersion", "meta.k8s.io/v1",
                        "metadata", object.get("metadata")));
            }
            rows.add(row);
        }
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        table.put("metadata", listMeta);
        table.put("columnDefinitions", columns.stream().map(column -> (Object) column.definition()).toList());
        table.put("rows", rows);
        return table;
    }
}
