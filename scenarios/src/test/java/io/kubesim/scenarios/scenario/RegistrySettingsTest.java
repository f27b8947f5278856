package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.engine.SimTime;
import io.kubesim.kubelet.ImageRegistry;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The scenario's {@code registry}: the manifest round trip and the images that fail to pull (k8s-semantics.md 18). */
class RegistrySettingsTest {
    @TempDir
    Path dir;

    private Path write(String registry) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("duration: 10m", "duration: 10m\nregistry:\n"
                + registry));
        return file;
    }

    @Test
    void withoutARegistrySectionEveryImagePullsAndARoundTripIs300ms() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE);
        SimulationSpec spec = ScenarioLoader.load(file).value();
        assertEquals(ImageRegistry.DEFAULT, spec.registry());
        assertEquals(SimTime.millis(300), spec.registry().manifestRoundTrip());
    }

    @Test
    void imagesAreMatchedAsTheRuntimeNormalizesThem() throws Exception {
        SimulationSpec spec = ScenarioLoader.load(write("""
                  manifestRoundTrip: 150ms
                  images:
                    nginx: {pullError: NotFound}
                    registry.example.com/api:1.2: {pullError: Unauthorized}
                    flaky:3: {failureRate: 0.25}
                """)).value();
        ImageRegistry r = spec.registry();
        assertEquals(SimTime.millis(150), r.manifestRoundTrip());
        assertEquals(ImageRegistry.PullError.NOT_FOUND, r.faultOf("docker.io/library/nginx:latest").error());
        assertEquals(ImageRegistry.PullError.UNAUTHORIZED, r.faultOf("registry.example.com/api:1.2").error());
        assertEquals(0.25, r.faultOf("docker.io/library/flaky:3").failureRate());
        assertNull(r.faultOf("registry.example.com/api:1.3"));
    }

    @Test
    void anImageNoContainerOrRolloutUsesIsAWarning() throws Exception {
        var loaded = ScenarioLoader.load(write("""
                  images:
                    nginx: {pullError: NotFound}
                    ngnix:1.27: {pullError: NotFound}
                """));
        assertEquals(List.of(dir.resolve("s.yaml") + ":9:5: warning: image \"ngnix:1.27\" is used by no container "
                + "and no rollout in this scenario; its pull failures never happen"),
                loaded.warnings().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> badRegistries() {
        return Stream.of(
                Arguments.of("unknown pull error", "  images:\n    web:2: {pullError: Forbidden}\n", 8, 24,
                        "expected NotFound or Unauthorized, got \"Forbidden\""),
                Arguments.of("both pullError and failureRate", "  images:\n    web:2: {pullError: NotFound, failureRate: 0.5}\n",
                        8, 12, "expected exactly one of pullError (NotFound or Unauthorized) and failureRate (a fraction "
                                + "of the pull attempts, e.g. 0.2)"),
                Arguments.of("neither", "  images:\n    web:2: {}\n", 8, 12,
                        "expected exactly one of pullError (NotFound or Unauthorized) and failureRate (a fraction "
                                + "of the pull attempts, e.g. 0.2)"),
                Arguments.of("failure rate 0", "  images:\n    web:2: {failureRate: 0}\n", 8, 26,
                        "expected a fraction of the pull attempts greater than 0 and at most 1, got 0"),
                Arguments.of("failure rate above 1", "  images:\n    web:2: {failureRate: 1.5}\n", 8, 26,
                        "expected a fraction of the pull attempts greater than 0 and at most 1, got 1.5"),
                Arguments.of("failure rate as a percentage", "  images:\n    web:2: {failureRate: 20%}\n", 8, 26,
                        "expected a number, got a string (\"20%\")"),
                Arguments.of("negative round trip", "  manifestRoundTrip: -1s\n", 7, 22,
                        "duration must not be negative, got \"-1s\""),
                Arguments.of("one image twice", "  images:\n    nginx: {pullError: NotFound}\n"
                        + "    docker.io/library/nginx:latest: {failureRate: 0.1}\n", 9, 5,
                        "\"docker.io/library/nginx:latest\" is the same image as \"nginx\" (docker.io/library/nginx:latest)"),
                Arguments.of("unknown field", "  image: {}\n", 7, 3,
                        "unknown field \"image\" in Registry: did you mean \"images\"?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRegistries")
    void badValuesAreOneLocatedError(String name, String registry, int line, int column, String message) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        ScenarioInputErrorsTest.assertOneLocatedError(dir, ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\nregistry:\n" + registry), line, column, message);
    }
}
