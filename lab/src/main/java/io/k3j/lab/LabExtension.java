package io.k3j.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives each test class a lab of the topology named by {@link LabTopology}, as fresh as from
 * {@code lab/lab up}: the lab the class before used, reset, when it named the same topology
 * ({@link KeptLab}), else one brought up anew. {@link ByTopology} orders the classes so that
 * those of a topology run one after another. The last lab is torn down when the run ends.
 * A {@link Nested} class runs on its enclosing class's lab as that class's tests left it (no
 * reset): groups of tests that share one install. The lab needs root: without it the tests fail
 * and say so, unless the lab is opted out on purpose with {@code -Dk3j.lab.skip=true} or
 * {@code K3J_LAB_SKIP=1}: then they are skipped, with that reason. CI never opts out.
 */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    /** The class's lab; not AutoCloseable, so the class's store leaves the lab up for the next class. */
    private record ClassLab(Lab lab) {
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        if (testClass.isAnnotationPresent(Nested.class)) {
            shareTheEnclosingLab(context, testClass);
            return;
        }
        LabTopology topology = testClass.getAnnotation(LabTopology.class);
        if (topology == null) {
            throw new LabException(testClass.getName() + " uses the lab but names no @LabTopology");
        }
        assumeLabCanRun();
        // The root store closes what it holds when the whole run is done: then the kept lab goes down.
        context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent("kept lab", key -> (AutoCloseable) KeptLab::release);
        context.getStore(NAMESPACE).put("lab", new ClassLab(KeptLab.take(topology.value())));
    }

    /**
     * A nested class's store looks its keys up in its enclosing class's store too, so it resolves
     * that class's lab; here only what cannot work is refused.
     */
    private static void shareTheEnclosingLab(ExtensionContext context, Class<?> nested) {
        ClassLab enclosing = context.getStore(NAMESPACE).get("lab", ClassLab.class);
        if (enclosing == null) {
            throw new LabException(nested.getName() + " is @Nested in a class without a lab: put @LabTopology on the top-level class");
        }
        LabTopology own = nested.getAnnotation(LabTopology.class);
        if (own != null && !own.value().equals(enclosing.lab().topology())) {
            throw new LabException(nested.getName() + " names @LabTopology(\"" + own.value() + "\") but, being @Nested, runs on its "
                    + "enclosing class's lab of topology " + enclosing.lab().topology() + "; drop its @LabTopology or make it a "
                    + "top-level class");
        }
    }

    /**
     * Tears down the lab that this run keeps for its next test class, letting the machine's lab go:
     * for a test that then takes the lab by other means (its own {@link MachineLock}, {@code lab/demo}).
     */
    public static void releaseKeptLab() {
        KeptLab.release();
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
        return context.getStore(NAMESPACE).get("lab", ClassLab.class).lab();
    }
}
