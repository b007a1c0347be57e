package io.k3j.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import io.k3j.testing.ShellRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * Every template, every string it is given replaced in turn by a hostile value (quotes, {@code $(...)},
 * backticks, a newline, backslashes, the format's own comment and block characters): the value
 * either lands quoted for the file's language, so the file reads exactly as with a harmless value,
 * or the render is refused. No template may let a value write syntax of its own.
 */
class HostileValuesTest {
    static final String HOSTILE = "x'y\"z $(touch pwned) `touch pwned` ${HOME} \\ ; & | # ! { } %n\nnotify_master /bin/sh: 1";
    /** SQL and shell words get the same, but without the newline SQL refuses (a test of its own). */
    static final String HOSTILE_LINE = HOSTILE.replace('\n', ' ');

    private final TemplateRenderer renderer = new TemplateRenderer();

    @TempDir
    Path temp;

    /** How a rendered file of a language is judged: the same reading as the harmless render, the value inside a quoted token. */
    enum Language {
        YAML, SHELL, POSTGRES, MYSQL, UNQUOTED
    }

    record Case(String template, Language language, Map<String, Object> model) {
        @Override
        public String toString() {
            return template;
        }
    }

    static Stream<Case> templates() {
        return Stream.of(
                new Case("k3s/server-config.yaml.ftl", Language.YAML, map("cluster", "edge", "token", "t",
                        "datastore", map("endpoint", "e", "caFile", "c", "certFile", "c", "keyFile", "k"), "tlsSans", List.of("s"),
                        "node", map("name", "n", "ip", "i"),
                        "extra", map("kubelet-arg", List.of("a"), "write-kubeconfig-mode", "m"))),
                new Case("k3s/agent-config.yaml.ftl", Language.YAML, map("cluster", "edge", "server", "s", "token", "t",
                        "node", map("name", "n", "ip", "i"),
                        "extra", map("kubelet-arg", List.of("a")))),
                new Case("k3s/node-config.yaml.ftl", Language.YAML, map("cluster", "edge",
                        "node", map("labels", List.of("l"), "taints", List.of("t")))),
                new Case("datastore/etcd/etcd.conf.yml.ftl", Language.YAML, map("cluster", "edge", "name", "db1", "address", "a",
                        "clientPort", 2379, "peerUrl", "http://p:2380", "listenPeerUrl", "http://l:2380", "members", List.of(map("name", "db1", "peerUrl", "http://p:2380")),
                        "clustered", true, "dataDir", "/d", "tls", true, "certFile", "c", "keyFile", "k", "caFile", "c")),
                new Case("k3s/install-download.sh.ftl", Language.SHELL, map("mirror", "m", "version", "v", "arch", "s390x")),
                new Case("k3s/install-script.sh.ftl", Language.SHELL, map("scriptUrl", "u", "version", "v", "command", "c")),
                new Case("k3s/probe-download.sh.ftl", Language.SHELL, map("mirror", "m", "version", "v", "arch", "s390x")),
                new Case("k3s/probe-script.sh.ftl", Language.SHELL, map("version", "v")),
                new Case("k3s/probe-release.sh.ftl", Language.SHELL, map("sumsUrl", "s", "binaryUrl", "b", "binaryName", "n")),
                new Case("k3s/k3s-killall.sh.ftl", Language.SHELL, map("dataDir", "d")),
                new Case("k3s/k3s-uninstall.sh.ftl", Language.SHELL, map("unitName", "u", "script", "s", "killall", "k",
                        "binary", "b", "dataDir", "d", "stamp", "t", "state", "v")),
                new Case("k3s/links.sh.ftl", Language.SHELL, map("binary", "b")),
                new Case("k3s/probe-links.sh.ftl", Language.SHELL, map("binary", "b")),
                new Case("datastore/postgres/setup.sql.ftl", Language.POSTGRES, map("database", "d", "user", "u", "password", "p")),
                new Case("datastore/mysql/setup.sql.ftl", Language.MYSQL, map("database", "d", "user", "u", "password", "p",
                        "clients", List.of("c1", "c2"), "tls", true)),
                new Case("datastore/postgres/drop.sql.ftl", Language.POSTGRES, map("database", "d", "user", "u", "probe", false)),
                new Case("datastore/mysql/drop.sql.ftl", Language.MYSQL, map("database", "d", "user", "u", "probe", false)),
                new Case("datastore/drop-database.sh.ftl", Language.SHELL, map("postgres", true, "sql", "s")),
                new Case("datastore/postgres/pg_hba.block.ftl", Language.UNQUOTED, map("cluster", "edge", "database", "d",
                        "user", "u", "tls", true, "clients", List.of("c/32"))),
                new Case("datastore/postgres/k3j.conf.ftl", Language.UNQUOTED, map("cluster", "edge", "listenAddresses", List.of("*"),
                        "port", 5432, "tls", true, "certFile", "c", "keyFile", "k", "caFile", "c")),
                new Case("datastore/mysql/k3j.cnf.ftl", Language.UNQUOTED, map("cluster", "edge", "bindAddress", "b", "port", 3306,
                        "tls", true, "caFile", "c", "certFile", "c", "keyFile", "k")),
                new Case("datastore/etcd/etcd.service.ftl", Language.UNQUOTED, map("cluster", "edge")),
                new Case("k3s/k3s.service.ftl", Language.UNQUOTED, map("unitName", "k3s", "command", "server", "binary", "b")),
                new Case("haproxy/haproxy.cfg.ftl", Language.UNQUOTED, map("cluster", "edge", "port", 6443, "bind", "*", "backend", "b",
                        "servers", List.of(map("name", "s1", "address", "a1"), map("name", "s2", "address", "a2")))),
                new Case("keepalived/keepalived.conf.ftl", Language.UNQUOTED, map("cluster", "edge", "vip", "v", "interface", "i",
                        "routerId", 7, "priority", 150, "state", "MASTER", "authPass", "p", "peers", List.of("p1"))));
    }

    @Test
    void everyTemplateIsCovered() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("../templates"))) {
            List<String> all = files.map(file -> Path.of("../templates").relativize(file).toString())
                    .filter(name -> name.endsWith(".ftl")).sorted().toList();
            assertThat(templates().map(Case::template).sorted().toList()).isEqualTo(all);
        }
    }

    @ParameterizedTest
    @MethodSource("templates")
    void aHostileValueLandsQuotedOrIsRefused(Case template) {
        String harmless = renderer.render(template.template(), template.model());
        List<Map<String, Object>> variants = variants(template.model(), template.language() == Language.YAML ? HOSTILE : HOSTILE_LINE);
        assertThat(variants).isNotEmpty();
        for (Map<String, Object> variant : variants) {
            String rendered;
            try {
                rendered = renderer.render(template.template(), variant);
            } catch (RenderException refused) {
                assertThat(refused).hasMessageContaining("should have been refused before");
                continue;
            }
            assertThat(template.language()).as("%s wrote a hostile value unquoted:%n%s", template, rendered)
                    .isNotEqualTo(Language.UNQUOTED);
            assertReadsAsHarmless(template.language(), harmless, rendered);
        }
    }

    @Test
    void aHostileKeyOfPassThroughSettingsStaysOneKey() {
        for (String config : List.of("k3s/server-config.yaml.ftl", "k3s/agent-config.yaml.ftl")) {
            Map<String, Object> model = new HashMap<>(templates().filter(c -> c.template().equals(config)).findFirst().orElseThrow().model());
            model.put("extra", map(HOSTILE, HOSTILE));

            Object read = load(renderer.render(config, model));

            assertThat(read).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP).containsEntry(HOSTILE, HOSTILE);
        }
    }

    @Test
    void aNewlineNeverReachesSql() {
        for (String sql : List.of("datastore/postgres/setup.sql.ftl", "datastore/mysql/setup.sql.ftl")) {
            Map<String, Object> model = map("database", "d", "user", "u", "password", "pass\n; DROP DATABASE d; --",
                    "clients", List.of("c"), "tls", false);
            assertThatThrownBy(() -> renderer.render(sql, model)).isInstanceOf(RenderException.class)
                    .hasMessageContaining("control character (U+000A) cannot go into SQL");
        }
    }

    /** The download script run with a curl that only records its arguments: it gets the hostile URL as one argument, nothing runs. */
    @Test
    void theDownloadScriptHandsTheHostileMirrorToCurlAsItIs() throws IOException, InterruptedException {
        String mirror = "https://mirror.example.com/" + HOSTILE;
        String script = renderer.render("k3s/install-download.sh.ftl", map("mirror", mirror, "version", "v1.31.4+k3s1", "arch", "amd64"));

        List<String> arguments = runWithRecordingCurl(script);

        assertThat(arguments).contains(mirror + "/v1.31.4%2Bk3s1/sha256sum-amd64.txt");
        assertThat(temp.resolve("pwned")).doesNotExist();
    }

    @Test
    void theInstallScriptHandsTheHostileUrlToCurlAsItIs() throws IOException, InterruptedException {
        String url = "https://get.example.com/" + HOSTILE;
        String script = renderer.render("k3s/install-script.sh.ftl", map("scriptUrl", url, "version", "v1.31.4+k3s1", "command", "server"));

        List<String> arguments = runWithRecordingCurl(script);

        assertThat(arguments).last().isEqualTo(url);
        assertThat(temp.resolve("pwned")).doesNotExist();
    }

    private List<String> runWithRecordingCurl(String script) throws IOException, InterruptedException {
        Path bin = Files.createDirectories(temp.resolve("bin"));
        Path arguments = temp.resolve("curl-arguments");
        ShellRun.fake(bin.resolve("curl"), "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\0' \"$a\"; done > " + arguments + "\nexit 22\n");
        ShellRun ran = ShellRun.run(temp, bin, script);
        assertThat(ran.exit()).as(ran.output()).isNotZero();
        return List.of(Files.readString(arguments).split("\0"));
    }

    private static void assertReadsAsHarmless(Language language, String harmless, String rendered) {
        switch (language) {
            case YAML -> {
                assertThat(shape(load(rendered))).as(rendered).isEqualTo(shape(load(harmless)));
                assertThat(scalars(load(rendered))).as(rendered).anyMatch(value -> value.contains(HOSTILE));
            }
            case SHELL -> assertSameTokens(SHELL_WORD, harmless, rendered, HostileValuesTest::shellValue, HOSTILE_LINE);
            case POSTGRES -> assertSameTokens(POSTGRES_QUOTED, harmless, rendered, HostileValuesTest::postgresValue, HOSTILE_LINE);
            case MYSQL -> assertSameTokens(MYSQL_QUOTED, harmless, rendered, HostileValuesTest::mysqlValue, HOSTILE_LINE);
            case UNQUOTED -> throw new AssertionError("unquoted");
        }
    }

    /** A shell word made of single-quoted parts and escaped quotes; its value is what the shell makes of it. */
    private static final Pattern SHELL_WORD = Pattern.compile("(?:'[^']*'|\\\\')+");
    /** PostgreSQL's E'' strings (backslash escapes), plain '' strings and "" identifiers. */
    private static final Pattern POSTGRES_QUOTED = Pattern.compile("E'(?:\\\\.|''|[^'\\\\])*'|'(?:''|[^'])*'|\"(?:\"\"|[^\"])*\"");
    /** MySQL's strings with backslash escapes and `` identifiers. */
    private static final Pattern MYSQL_QUOTED = Pattern.compile("'(?:\\\\.|''|[^'\\\\])*'|`(?:``|[^`])*`");

    /**
     * The text outside quoted tokens is the same as the harmless render's (so the value wrote no
     * syntax), and one token's value, read as the language reads it, holds the hostile value whole.
     */
    private static void assertSameTokens(Pattern quoted, String harmless, String rendered, Function<String, String> value, String hostile) {
        assertThat(quoted.matcher(rendered).replaceAll("Q")).as(rendered).isEqualTo(quoted.matcher(harmless).replaceAll("Q"));
        List<String> values = new ArrayList<>();
        Matcher tokens = quoted.matcher(rendered);
        while (tokens.find()) {
            values.add(value.apply(tokens.group()));
        }
        assertThat(values).as(rendered).anyMatch(token -> token.contains(hostile));
    }

    private static String shellValue(String word) {
        return word.replace("'\\''", "'").replaceAll("^'|'$", "");
    }

    private static String postgresValue(String token) {
        if (token.startsWith("E'")) {
            return token.substring(2, token.length() - 1).replaceAll("\\\\(.)", "$1").replace("''", "'");
        }
        return token.substring(1, token.length() - 1).replace(token.substring(0, 1) + token.substring(0, 1), token.substring(0, 1));
    }

    private static String mysqlValue(String token) {
        if (token.startsWith("`")) {
            return token.substring(1, token.length() - 1).replace("``", "`");
        }
        return token.substring(1, token.length() - 1).replaceAll("\\\\(.)", "$1").replace("''", "'");
    }

    /** The model with exactly one string replaced by {@code hostile}, for each string in it (nested ones too). */
    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> variants(Map<String, Object> model, String hostile) {
        List<Map<String, Object>> variants = new ArrayList<>();
        for (Map.Entry<String, Object> entry : model.entrySet()) {
            Object value = entry.getValue();
            List<Object> replacements = new ArrayList<>();
            if (value instanceof String) {
                replacements.add(hostile);
            } else if (value instanceof Map<?, ?> inner) {
                replacements.addAll(variants((Map<String, Object>) inner, hostile));
            } else if (value instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    List<Object> copy = new ArrayList<>(list);
                    if (list.get(i) instanceof Map<?, ?> inner) {
                        for (Map<String, Object> innerVariant : variants((Map<String, Object>) inner, hostile)) {
                            List<Object> withMap = new ArrayList<>(list);
                            withMap.set(i, innerVariant);
                            replacements.add(withMap);
                        }
                    } else {
                        copy.set(i, hostile);
                        replacements.add(copy);
                    }
                }
            }
            for (Object replacement : replacements) {
                Map<String, Object> variant = new HashMap<>(model);
                variant.put(entry.getKey(), replacement);
                variants.add(variant);
            }
        }
        return variants;
    }

    private static Object load(String yaml) {
        return new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    }

    /** A YAML document's keys and nesting, its strings left out. */
    private static Object shape(Object node) {
        if (node instanceof Map<?, ?> map) {
            Map<Object, Object> shape = new LinkedHashMap<>();
            map.forEach((key, value) -> shape.put(key, shape(value)));
            return shape;
        }
        if (node instanceof List<?> list) {
            return list.stream().map(HostileValuesTest::shape).toList();
        }
        return node instanceof String ? "S" : node;
    }

    private static List<String> scalars(Object node) {
        List<String> found = new ArrayList<>();
        if (node instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                found.add(String.valueOf(key));
                found.addAll(scalars(value));
            });
        } else if (node instanceof List<?> list) {
            list.forEach(item -> found.addAll(scalars(item)));
        } else {
            found.add(String.valueOf(node));
        }
        return found;
    }

    private static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
