package io.k3j.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Brings up the topology named by {@link LabTopology} once per test class and tears it down
 * after it. The lab needs root: without it the tests fail and say so, unless the lab is opted
 * out on purpose with {@code -Dk3j.lab.skip=true} or {@code K3J_LAB_SKIP=1}: then they are
 * skipped, with that reason. CI never opts out.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LabTopology topology = context.getRequiredTestClass().getAnnotation(LabTopology.class);
        if (topology == null) {
            throw new LabException(context.getRequiredTestClass().getName() + " uses the lab but names no @LabTopology");
        }
        assumeLabCanRun();
        Lab lab = Lab.up(topology.value());
        // The store closes what it holds (Lab is AutoCloseable) when the test class is done.
        context.getStore(NAMESPACE).put("lab", lab);
    }

    /**
     * Skips the calling test when the lab is opted out, and fails it, saying why, when the lab
     * cannot run. For tests that bring a lab up by other means than this extension.
     */
    public static void assumeLabCanRun() {
        Assumptions.assumeFalse(optedOut(), "the lab is opted out (k3j.lab.skip / K3J_LAB_SKIP): lab tests not run");
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new LabException("the lab needs root (systemd-nspawn, network namespaces, overlay mounts); run the tests as "
                    + "root, or opt out of the lab tests with -Dk3j.lab.skip=true (they are then reported as skipped)");
        }
    }

    static boolean optedOut() {
        return Boolean.getBoolean("k3j.lab.skip") || "1".equals(System.getenv("K3J_LAB_SKIP"));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getStore(NAMESPACE).get("lab", Lab.class);
    }
}
