package io.k3j.lab;

import java.util.Comparator;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;

/**
 * Orders test classes by the {@link LabTopology} they name, then by {@link Order} (default
 * {@link Order#DEFAULT}), then by name, so that the classes of one topology run one after another
 * on one lab, reset between them ({@link KeptLab}); classes without it come last. Each top-level
 * class starts from a lab as fresh as from up either way, so no such class depends on the order.
 * JUnit orders the {@link Nested} classes of a class with it too: they run on their enclosing
 * class's lab as the groups before them left it, so their {@code @Order} is what a group that
 * changes the cluster puts after those that assume it unchanged. Set as
 * {@code junit.jupiter.testclass.order.default} for Failsafe (the parent pom).
 */
public final class ByTopology implements ClassOrderer {
    /** Sorts after every topology's name. */
    private static final String NO_TOPOLOGY = "\uffff";

    @Override
    public void orderClasses(ClassOrdererContext context) {
        context.getClassDescriptors().sort(Comparator.comparing(ByTopology::topology)
                .thenComparingInt(ByTopology::order)
                .thenComparing(descriptor -> descriptor.getTestClass().getName()));
    }

    private static String topology(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(LabTopology.class).map(LabTopology::value).orElse(NO_TOPOLOGY);
    }

    private static int order(ClassDescriptor descriptor) {
        return descriptor.findAnnotation(Order.class).map(Order::value).orElse(Order.DEFAULT);
    }
}
