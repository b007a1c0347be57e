package io.k3j.k3sdouble;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The settings K3s runs with, merged as pkg/configfilearg/parser.go does: config.yaml, then
 * config.yaml.d/*.yaml|yml in name order; a later file's value wins, {@code key+:} appends to a
 * list; then the command line, whose values win, a command-line list replacing the file's.
 */
public final class ConfigArgs {

    private ConfigArgs() {
    }

    /** The files K3s reads for {@code config} (default /etc/rancher/k3s/config.yaml), in order. */
    public static List<Path> files(Path config) {
        List<Path> files = new ArrayList<>();
        if (Files.isRegularFile(config)) {
            files.add(config);
        }
        Path dropIns = config.resolveSibling(config.getFileName() + ".d");
        if (Files.isDirectory(dropIns)) {
            try (Stream<Path> entries = Files.list(dropIns)) {
                entries.filter(path -> path.toString().endsWith(".yaml") || path.toString().endsWith(".yml"))
                        .sorted().forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    /** Every setting as a list of values (a scalar is a list of one), files first, then {@code flags}. */
    public static Map<String, List<String>> merge(List<Path> files, Map<String, List<String>> flags) {
        Map<String, List<String>> settings = new LinkedHashMap<>();
        for (Path file : files) {
            read(file).forEach((key, value) -> {
                List<String> values = values(value);
                if (key.endsWith("+")) {
                    settings.computeIfAbsent(key.substring(0, key.length() - 1), k -> new ArrayList<>()).addAll(values);
                } else {
                    settings.put(key, new ArrayList<>(values));
                }
            });
        }
        flags.forEach((key, values) -> settings.put(key, new ArrayList<>(values)));
        return settings;
    }

    /** A setting's value: the last one given (a flag given twice, the file's value then the flag's). */
    public static java.util.Optional<String> value(Map<String, List<String>> settings, String name) {
        List<String> values = settings.get(name);
        return values == null || values.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(values.get(values.size() - 1));
    }

    private static Map<String, Object> read(Path file) {
        try (Reader reader = Files.newBufferedReader(file)) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            if (loaded == null) {
                return Map.of();
            }
            if (!(loaded instanceof Map<?, ?> map)) {
                throw new IllegalArgumentException(file + ": not a map of settings");
            }
            Map<String, Object> settings = new LinkedHashMap<>();
            map.forEach((key, value) -> settings.put(String.valueOf(key), value));
            return settings;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> values(Object value) {
        if (value instanceof List<?> list) {
            return list.stream().map(String::valueOf).toList();
        }
        return List.of(String.valueOf(value));
    }
}
