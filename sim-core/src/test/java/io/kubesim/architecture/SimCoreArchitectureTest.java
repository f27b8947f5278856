package io.kubesim.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The rules that keep the simulation deterministic and pure (DESIGN.md principles 2 and 3,
 * STYLE.md point 6): sim-core does no I/O, reads no wall clock, draws no unseeded random number,
 * starts no thread, and its engine knows no Kubernetes type.
 */
class SimCoreArchitectureTest {
    private static JavaClasses simCore;

    @BeforeAll
    static void importClasses() {
        simCore = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.kubesim");
    }

    private static void check(ArchRule rule) {
        rule.check(simCore);
    }

    @Test
    @DisplayName("no file, stream or network I/O")
    void noIo() {
        check(noClasses().should().dependOnClassesThat().resideInAnyPackage("java.nio.file..", "java.net..",
                "java.nio.channels..")
                .orShould().dependOnClassesThat().areAssignableTo(java.io.InputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.OutputStream.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.Reader.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.Writer.class)
                .orShould().dependOnClassesThat().areAssignableTo(java.io.File.class)
                .because("sim-core is pure simulation; reading and writing files belongs to scenarios and reports"));
    }

    @Test
    @DisplayName("no wall-clock reads")
    void noWallClock() {
        check(noClasses().should().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(System.class, "nanoTime")
                .orShould().callMethodWhere(staticNowOfJavaTime())
                .orShould().dependOnClassesThat().areAssignableTo(java.time.Clock.class)
                .because("every duration comes from the engine's virtual clock"));
    }

    @Test
    @DisplayName("no unseeded randomness")
    void noUnseededRandomness() {
        check(noClasses().should().dependOnClassesThat().areAssignableTo(java.util.Random.class)
                .orShould().callMethod(Math.class, "random")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("java.util.UUID")
                .because("randomness comes only from RandomStreams, split from the scenario seed"));
    }

    @Test
    @DisplayName("no threads or concurrency utilities")
    void noThreads() {
        check(noClasses().should().dependOnClassesThat().areAssignableTo(Thread.class)
                .orShould().dependOnClassesThat().resideInAnyPackage("java.util.concurrent..")
                .because("one run is one sequential event loop; parallelism belongs outside a run"));
    }

    @Test
    @DisplayName("the engine imports no domain type")
    void engineIsDomainFree() {
        check(noClasses().that().resideInAPackage("io.kubesim.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.api..", "io.kubesim.cluster..",
                        "io.kubesim.controllers..", "io.kubesim.scheduler..", "io.kubesim.kubelet..",
                        "io.kubesim.metrics..", "io.kubesim.sim..", "io.kubesim.app.."));
    }

    @Test
    @DisplayName("API value types depend on nothing else in kubesim")
    void apiIsALeaf() {
        check(noClasses().that().resideInAPackage("io.kubesim.api..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.cluster..", "io.kubesim.controllers..",
                        "io.kubesim.scheduler..", "io.kubesim.kubelet..", "io.kubesim.metrics..", "io.kubesim.sim.."));
    }

    @Test
    @DisplayName("controllers, scheduler and kubelet do not call each other; they meet in the store")
    void componentsMeetInTheStore() {
        check(noClasses().that().resideInAPackage("io.kubesim.controllers..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.scheduler..", "io.kubesim.kubelet.."));
        check(noClasses().that().resideInAPackage("io.kubesim.scheduler..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.controllers..", "io.kubesim.kubelet.."));
        check(noClasses().that().resideInAPackage("io.kubesim.kubelet..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.controllers..", "io.kubesim.scheduler.."));
    }

    @Test
    @DisplayName("the cluster autoscaler borrows the scheduler's plugins, not the scheduler; nobody calls it")
    void autoscalerUsesOnlySchedulerPlugins() {
        check(noClasses().that().resideInAPackage("io.kubesim.autoscaler..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.controllers..", "io.kubesim.kubelet..")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("io.kubesim.scheduler.Scheduler"));
        check(noClasses().that().resideInAnyPackage("io.kubesim.controllers..", "io.kubesim.scheduler..",
                        "io.kubesim.kubelet..")
                .should().dependOnClassesThat().resideInAnyPackage("io.kubesim.autoscaler.."));
    }

    private static DescribedPredicate<JavaCall<?>> staticNowOfJavaTime() {
        return new DescribedPredicate<>("a static now() of java.time") {
            @Override
            public boolean test(JavaCall<?> call) {
                JavaClass owner = call.getTargetOwner();
                return owner.getPackageName().startsWith("java.time") && call.getName().equals("now");
            }
        };
    }
}
