package io.k3j.lab;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;

/**
 * Orders test classes by the {@link LabTopology} they name, then by name, so that the classes of
 * one topology run one after another on one lab, reset between them ({@link KeptLab}); classes
 * without it come last. Each class starts from a lab as fresh as from up either way, so no class
 * depends on the order. Set as {@code junit.jupiter.testclass.order.default} for Failsafe (the parent pom).
 */
public final class ByTopology implements ClassOrderer {
    /** Sorts after every topology's name. */
    private static final String NO_TOPOLOGY = "\uffff";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(ByTopology::topology)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static String topology(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(LabTopology.class).map(LabTopology::value).orElse(NO_TOPOLOGY);
    }
}
