package io.k3j.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.k3j.ssh.Shell;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * The helper functions every template can call: one per target language, so a template never
 * writes a value but through the helper of the file's language (docs/architecture.md, "Where
 * escaping happens").
 */
final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /** {@code q(value)}: a double-quoted string, safe in YAML, through {@link YamlString#quote}. */
    static final class Quote implements TemplateMethodModelEx {
        @Override
        public Object exec(List arguments) throws TemplateModelException {
            return YamlString.quote(String.valueOf(single(arguments, "q")));
        }
    }

    /** {@code yaml(map)}: pass-through settings as block YAML, keys in the order given. */
    static final class BlockYaml implements TemplateMethodModelEx {
        private final Yaml yaml;

        BlockYaml() {
            DumperOptions options = new DumperOptions();
            options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
            options.setIndent(2);
            options.setIndicatorIndent(2);
            options.setIndentWithIndicator(true);
            yaml = new Yaml(options);
        }

        @Override
        public Object exec(List arguments) throws TemplateModelException {
            Object value = single(arguments, "yaml");
            if (!(value instanceof Map<?, ?> map)) {
                throw new TemplateModelException("yaml(...) takes a map, got " + value);
            }
            return map.isEmpty() ? "" : yaml.dump(map);
        }
    }

    /**
     * {@code sh(value)}: one single-quoted word for a shell script, through {@link Shell#quote}, the one
     * place shell quoting happens. Nothing inside single quotes is expanded: not {@code $(...)}, not
     * backticks, not a newline.
     */
    static final class ShellWord implements TemplateMethodModelEx {
        @Override
        public Object exec(List arguments) throws TemplateModelException {
            return Shell.quote(String.valueOf(single(arguments, "sh")));
        }
    }

    /** {@code pgString}, {@code pgName}, {@code myString}, {@code myName}: SQL literals and identifiers per dialect. */
    static final class Sql implements TemplateMethodModelEx {
        private final String name;
        private final UnaryOperator<String> quoting;

        Sql(String name, UnaryOperator<String> quoting) {
            this.name = name;
            this.quoting = quoting;
        }

        @Override
        public Object exec(List arguments) throws TemplateModelException {
            try {
                return quoting.apply(String.valueOf(single(arguments, name)));
            } catch (IllegalArgumentException e) {
                throw new TemplateModelException(name + "(...): " + e.getMessage());
            }
        }
    }

    /**
     * {@code word(value)}: a value for a file format with no quoting of its own that k3j-install
     * relies on (haproxy.cfg, keepalived.conf, pg_hba.conf, my.cnf, systemd units, comments):
     * only letters, digits and {@code . _ : / * -}, which none of them reads specially. The values
     * are validated before (inventory, preflight); anything else here is a bug and fails the render
     * rather than write a line of its own into the file.
     */
    static final class Word implements TemplateMethodModelEx {
        private static final Pattern INERT = Pattern.compile("[A-Za-z0-9._:/*-]+");

        @Override
        public Object exec(List arguments) throws TemplateModelException {
            String text = String.valueOf(single(arguments, "word"));
            if (!INERT.matcher(text).matches()) {
                throw new TemplateModelException("word(...): '" + text.replaceAll("\\p{Cntrl}", "?")
                        + "' holds a character a configuration file could read as syntax; it should have been refused before");
            }
            return text;
        }
    }

    private static Object single(List<?> arguments, String function) throws TemplateModelException {
        if (arguments.size() != 1) {
            throw new TemplateModelException(function + "(...) takes one argument, got " + arguments.size());
        }
        Object argument = arguments.get(0);
        return argument instanceof TemplateModel model ? DeepUnwrap.unwrap(model) : argument;
    }
}
