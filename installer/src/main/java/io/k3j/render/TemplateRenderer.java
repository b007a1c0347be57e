package io.k3j.render;

import freemarker.cache.ClassTemplateLoader;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Renders the FreeMarker templates packed under {@code /templates} in the jar. Strict: a value a
 * template needs but the model lacks fails the render, so no file ever gets an empty setting.
 */
public final class TemplateRenderer {
    // One per process, as FreeMarker means its Configuration to be: each template is parsed once,
    // not once per plan (a test plans thousands of inventories in one JVM).
    private static final Configuration configuration = new Configuration(Configuration.VERSION_2_3_34);

    static {
        configuration.setTemplateLoader(new ClassTemplateLoader(TemplateRenderer.class, "/templates"));
        configuration.setDefaultEncoding("UTF-8");
        configuration.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
        configuration.setLogTemplateExceptions(false);
        configuration.setWrapUncheckedExceptions(true);
        configuration.setFallbackOnNullLoopVariable(false);
        configuration.setAPIBuiltinEnabled(false);
        // "c" formats give 6443, not "6,443", and true/false for booleans, whatever the locale.
        configuration.setNumberFormat("c");
        configuration.setBooleanFormat("c");
        configuration.setSharedVariable("q", new TemplateFunctions.Quote());
        configuration.setSharedVariable("yaml", new TemplateFunctions.BlockYaml());
        configuration.setSharedVariable("sh", new TemplateFunctions.ShellWord());
        configuration.setSharedVariable("pgString", new TemplateFunctions.Sql("pgString", SqlDialect.POSTGRES::literal));
        configuration.setSharedVariable("pgName", new TemplateFunctions.Sql("pgName", SqlDialect.POSTGRES::identifier));
        configuration.setSharedVariable("myString", new TemplateFunctions.Sql("myString", SqlDialect.MYSQL::literal));
        configuration.setSharedVariable("myName", new TemplateFunctions.Sql("myName", SqlDialect.MYSQL::identifier));
        configuration.setSharedVariable("word", new TemplateFunctions.Word());
    }

    /** Renders {@code name} (e.g. {@code k3s/server-config.yaml.ftl}) with {@code model}. */
    public String render(String name, Map<String, ?> model) {
        try {
            Template template = configuration.getTemplate(name);
            StringWriter out = new StringWriter();
            template.process(model, out);
            return out.toString();
        } catch (TemplateException e) {
            throw new RenderException(name, e.getMessageWithoutStackTop(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + name, e);
        }
    }
}
