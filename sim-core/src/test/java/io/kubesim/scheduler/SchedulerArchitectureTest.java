package io.kubesim.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The scheduler's dependency and determinism rules (DESIGN.md principle 2, STYLE.md 6): the
 * framework does not know the scheduler or its plugins, plugins do not know the scheduler, and
 * nothing reads wall-clock time, makes its own randomness or starts threads.
 */
class SchedulerArchitectureTest {
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.kubesim.scheduler");

    @Test
    void theFrameworkDependsOnNeitherSchedulerNorPlugins() {
        noClasses().that().resideInAPackage("io.kubesim.scheduler.framework..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.scheduler", "io.kubesim.scheduler.plugins..")
                .check(CLASSES);
    }

    @Test
    void pluginsDoNotDependOnTheScheduler() {
        noClasses().that().resideInAPackage("io.kubesim.scheduler.plugins..")
                .should().dependOnClassesThat().resideInAPackage("io.kubesim.scheduler")
                .check(CLASSES);
    }

    @Test
    void noWallClockNoOwnRandomnessNoThreads() {
        noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.Random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.lang.Thread")
                .orShould().dependOnClassesThat().resideInAPackage("java.util.concurrent..")
                .orShould().dependOnClassesThat().resideInAPackage("java.time..")
                .check(CLASSES);
    }
}
