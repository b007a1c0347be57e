package io.k3j.cli;

import io.k3j.apply.StepFailure;
import io.k3j.output.Style;
import io.k3j.plan.SecretMasker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The table at the end of apply: a row per host with its steps, role, result and time, then a
 * line of totals; and the same as a JSON event. Pure: built from the {@link ApplyTally}'s entries.
 */
final class ApplySummary {

    /** One host over the steps it took part in; {@code failure} is the one that stopped it. */
    record Row(String host, List<String> steps, List<String> roles, long changed, Optional<StepFailure> failure, Duration took) {

        /** The role of its latest step, its main one: a server checks the datastore first, then is a server. */
        String latestRole() {
            return roles.isEmpty() ? "" : roles.get(roles.size() - 1);
        }

        String result() {
            return failure.isPresent() ? "failed" : changed > 0 ? "changed" : "unchanged";
        }
    }

    private static final List<String> HEADER = List.of("HOST", "STEPS", "ROLE", "RESULT", "TIME");
    private static final int RESULT_COLUMN = HEADER.indexOf("RESULT");

    private final List<Row> rows;
    private final Duration total;
    private final SecretMasker masker;

    ApplySummary(List<ApplyTally.Entry> entries, Duration total, SecretMasker masker) {
        this.rows = rows(entries);
        this.total = total;
        this.masker = masker;
    }

    private static List<Row> rows(List<ApplyTally.Entry> entries) {
        Map<String, Row> byHost = new LinkedHashMap<>();
        for (ApplyTally.Entry entry : entries) {
            Row before = byHost.getOrDefault(entry.host(),
                    new Row(entry.host(), List.of(), List.of(), 0, Optional.empty(), Duration.ZERO));
            byHost.put(entry.host(), new Row(entry.host(), adding(before.steps(), ApplyProgress.name(entry.step())),
                    adding(before.roles(), entry.role()), before.changed() + entry.changed(),
                    entry.failure().or(before::failure), before.took().plus(entry.took())));
        }
        return List.copyOf(byHost.values());
    }

    private static List<String> adding(List<String> list, String value) {
        if (value.isEmpty() || list.contains(value)) {
            return list;
        }
        List<String> more = new ArrayList<>(list);
        more.add(value);
        return List.copyOf(more);
    }

    List<Row> rows() {
        return rows;
    }

    long changes() {
        return rows.stream().mapToLong(Row::changed).sum();
    }

    long hostsChanged() {
        return rows.stream().filter(row -> row.changed() > 0).count();
    }

    long failed() {
        return rows.stream().filter(row -> row.failure().isPresent()).count();
    }

    Duration total() {
        return total;
    }

    /** The table, a row per host, its columns lined up (colour added after the padding, so escape codes do not shift them). */
    List<String> table(Style style) {
        List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            cells.add(List.of(row.host(), String.join(", ", row.steps()), row.latestRole(), resultText(row), Elapsed.took(row.took())));
        }
        int[] widths = HEADER.stream().mapToInt(String::length).toArray();
        for (List<String> line : cells) {
            for (int column = 0; column < widths.length; column++) {
                widths[column] = Math.max(widths[column], line.get(column).length());
            }
        }
        List<String> lines = new ArrayList<>();
        lines.add(style.faint(line(HEADER, widths, Function.identity())));
        for (int i = 0; i < rows.size(); i++) {
            Row row = rows.get(i);
            Function<String, String> paint = row.failure().isPresent() ? style::error : row.changed() > 0 ? style::warning : style::faint;
            lines.add(line(cells.get(i), widths, paint));
        }
        return lines;
    }

    private String resultText(Row row) {
        if (row.failure().isPresent()) {
            return "failed: " + masker.mask(row.failure().get().action());
        }
        return row.changed() > 0 ? "changed " + row.changed() : "no changes";
    }

    /** One row: the result column painted, every column but the last padded to its width. */
    private static String line(List<String> cells, int[] widths, Function<String, String> paintResult) {
        StringBuilder line = new StringBuilder(" ");
        for (int column = 0; column < cells.size(); column++) {
            String cell = column == cells.size() - 1 ? cells.get(column) : pad(cells.get(column), widths[column]);
            line.append(' ').append(column == RESULT_COLUMN ? paintResult.apply(cell) : cell);
        }
        return line.toString().stripTrailing();
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(width - text.length() + 1);
    }

    /** The summary as the fields of a JSON {@code summary} event, {@code more} key/value pairs at the end. */
    Object[] eventFields(String status, Object... more) {
        List<Map<String, Object>> hosts = new ArrayList<>();
        for (Row row : rows) {
            Map<String, Object> host = new LinkedHashMap<>();
            host.put("host", row.host());
            host.put("steps", row.steps());
            host.put("roles", row.roles());
            host.put("result", row.result());
            host.put("changed", row.changed());
            host.put("duration_ms", row.took().toMillis());
            row.failure().ifPresent(failure -> {
                host.put("step", ApplyProgress.name(failure.step()));
                host.put("action", masker.mask(failure.action()));
                host.put("error", masker.mask(failure.getMessage()));
                host.put("fix", masker.mask(failure.fix()));
            });
            hosts.add(host);
        }
        List<Object> fields = new ArrayList<>(List.of("status", status, "hosts", hosts, "changed", changes(), "failed", failed(),
                "duration_ms", total.toMillis()));
        fields.addAll(List.of(more));
        return fields.toArray();
    }
}
