package io.k3j.render;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;
import io.k3j.ssh.Shell;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/** The helper functions every template can call. */
final class TemplateFunctions {

    private TemplateFunctions() {
    }

    /** {@code q(value)}: a double-quoted string, safe in YAML (a JSON string is valid YAML). */
    static final class Quote implements TemplateMethodModelEx {
        @Override
        public Object exec(List arguments) throws TemplateModelException {
            return quote(String.valueOf(single(arguments, "q")));
        }

        static String quote(String text) {
            StringBuilder out = new StringBuilder("\"");
            for (char c : text.toCharArray()) {
                switch (c) {
                    case '"' -> out.append("\\\"");
                    case '\\' -> out.append("\\\\");
                    case '\n' -> out.append("\\n");
                    case '\t' -> out.append("\\t");
                    default -> out.append(c);
                }
            }
            return out.append('"').toString();
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

    /** {@code sql(value)}: a SQL string literal with quotes doubled. */
    static final class SqlLiteral implements TemplateMethodModelEx {
        @Override
        public Object exec(List arguments) throws TemplateModelException {
            return "'" + String.valueOf(single(arguments, "sql")).replace("'", "''") + "'";
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
