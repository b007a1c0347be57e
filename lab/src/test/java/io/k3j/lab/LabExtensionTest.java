package io.k3j.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/** What {@link LabExtension} refuses before any lab is touched (run on the JUnit launcher, so no lab is needed). */
class LabExtensionTest {

    /** A fixture, not a test of this class: only {@link #run} runs it. */
    static class WithoutALab {
        @Nested
        @LabTopology("minimal")
        class AGroupThatWantsOne {
            @Test
            void neverRuns() {
                throw new AssertionError("ran without a lab");
            }
        }
    }

    @Test
    void aNestedClassNamingATopologyInAClassWithoutOneIsRefusedSayingWhereTheTopologyGoes() {
        List<Throwable> failures = run(WithoutALab.class);

        assertThat(failures).singleElement().isInstanceOf(LabException.class).extracting(Throwable::getMessage).asString()
                .contains("AGroupThatWantsOne is @Nested in a class without a lab").contains("put @LabTopology on the top-level class");
    }

    private static List<Throwable> run(Class<?> testClass) {
        List<Throwable> failures = new ArrayList<>();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request().selectors(selectClass(testClass)).build(),
                new TestExecutionListener() {
                    @Override
                    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
                        result.getThrowable().ifPresent(failures::add);
                    }
                });
        return failures;
    }
}
