package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.annotation.Annotation;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.ClassDescriptor;
import org.junit.jupiter.api.ClassOrdererContext;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

class ByTopologyTest {
    @LabTopology("minimal")
    static class SshOnMinimal {
    }

    @LabTopology("ha-postgres")
    static class ServersOnHaPostgres {
    }

    @LabTopology("minimal")
    static class KineOnMinimal {
    }

    static class WithoutTheLab {
    }

    @LabTopology("ha-postgres")
    static class AgentsOnHaPostgres {
    }

    @Test
    void classesOfOneTopologyComeTogetherByNameAndThoseWithoutTheLabLast() {
        List<ClassDescriptor> classes = new ArrayList<>(List.of(described(WithoutTheLab.class), described(SshOnMinimal.class),
                described(ServersOnHaPostgres.class), described(KineOnMinimal.class), described(AgentsOnHaPostgres.class)));

        new ByTopology().orderClasses(context(classes));

        assertThat(classes).extracting(ClassDescriptor::getTestClass).containsExactly(AgentsOnHaPostgres.class,
                ServersOnHaPostgres.class, KineOnMinimal.class, SshOnMinimal.class, WithoutTheLab.class);
    }

    @Nested
    class ChangesTheCluster {
    }

    @Nested
    @Order(1)
    class ReadsTheInstall {
    }

    @Nested
    @Order(2)
    class AlsoReadsTheInstall {
    }

    @Test
    void nestedGroupsRunByTheirOrderThenThoseWithoutOneByName() {
        List<ClassDescriptor> classes = new ArrayList<>(List.of(described(ChangesTheCluster.class), described(AlsoReadsTheInstall.class),
                described(ReadsTheInstall.class)));

        new ByTopology().orderClasses(context(classes));

        assertThat(classes).extracting(ClassDescriptor::getTestClass).containsExactly(ReadsTheInstall.class, AlsoReadsTheInstall.class,
                ChangesTheCluster.class);
    }

    private static ClassOrdererContext context(List<ClassDescriptor> classes) {
        return new ClassOrdererContext() {
            @Override
            public List<? extends ClassDescriptor> getClassDescriptors() {
                return classes;
            }

            @Override
            public Optional<String> getConfigurationParameter(String key) {
                return Optional.empty();
            }
        };
    }

    private static ClassDescriptor described(Class<?> testClass) {
        return new ClassDescriptor() {
            @Override
            public Class<?> getTestClass() {
                return testClass;
            }

            @Override
            public String getDisplayName() {
                return testClass.getSimpleName();
            }

            @Override
            public boolean isAnnotated(Class<? extends Annotation> type) {
                return testClass.isAnnotationPresent(type);
            }

            @Override
            public <A extends Annotation> Optional<A> findAnnotation(Class<A> type) {
                return Optional.ofNullable(testClass.getAnnotation(type));
            }

            @Override
            public <A extends Annotation> List<A> findRepeatableAnnotations(Class<A> type) {
                return List.of(testClass.getAnnotationsByType(type));
            }
        };
    }
}
