package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.autoscaler.ClusterAutoscalerConfig;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterAutoscalerSpec;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code nodePools[].autoscaling} and {@code controlPlane.clusterAutoscaler}: how they are read,
 * the section 8 defaults, and one located error for each bad value.
 */
class ClusterAutoscalerSettingsTest {
    /** With {@link #withPool()}: line 10 is "count:", 12 "autoscaling:", 14 "clusterAutoscaler:". */
    static final String BASE = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: t
            duration: 10m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  autoscaling: {minCount: 1, maxCount: 5}
            controlPlane:
              clusterAutoscaler: {scanInterval: 10s}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
    }

    private static String withPool() {
        return BASE.replace("      count: 3\n", "      count: 3\n      allocatable: {cpu: \"4\", memory: 16Gi}\n");
    }

    private SimulationSpec load(String text) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        return ScenarioLoader.load(file).value();
    }

    @Test
    @DisplayName("section 8 defaults; delay-after-delete defaults to the scan interval")
    void defaults() throws Exception {
        ClusterAutoscalerSpec ca = load(withPool().replace("{scanInterval: 10s}", "{scanInterval: 20s}"))
                .clusterAutoscaler();
        assertEquals(new ClusterAutoscalerSpec.Bounds(1, 5), ca.bounds().get("pool-a"));
        ClusterAutoscalerConfig c = ca.config();
        ClusterAutoscalerConfig d = ClusterAutoscalerConfig.DEFAULT;
        assertEquals(SimTime.seconds(20), c.scanInterval());
        assertEquals(SimTime.seconds(20), c.scaleDownDelayAfterDelete());
        assertEquals(SimTime.minutes(10), c.scaleDownUnneededTime());
        assertEquals(SimTime.minutes(10), c.scaleDownDelayAfterAdd());
        assertEquals(SimTime.minutes(3), c.scaleDownDelayAfterFailure());
        assertEquals(SimTime.minutes(15), c.maxNodeProvisionTime());
        assertEquals(0.5, c.scaleDownUtilizationThreshold());
        assertEquals(600, c.maxGracefulTerminationSec());
        assertEquals(10, c.maxEmptyBulkDelete());
        assertEquals("random", c.expander());
        assertEquals(d.scaleDownEnabled(), c.scaleDownEnabled());
    }

    @Test
    void noAutoscaledPoolMeansNoAutoscaler() throws Exception {
        assertNull(load(withPool().replace("      autoscaling: {minCount: 1, maxCount: 5}\n", "")).clusterAutoscaler());
    }

    static Stream<Arguments> badValues() {
        return Stream.of(
                Arguments.of("autoscaling: {minCount: 1, maxCount: 5}", "autoscaling: {minCount: 4, maxCount: 2}",
                        12, 44, "maxCount (2) must be at least minCount (4)"),
                Arguments.of("autoscaling: {minCount: 1, maxCount: 5}", "autoscaling: {minCount: 4, maxCount: 6}",
                        10, 14, "count (3) must lie within the pool's autoscaling minCount 4 and maxCount 6"),
                Arguments.of("autoscaling: {minCount: 1, maxCount: 5}", "autoscaling: {minCount: 1, maxCount: 2}",
                        10, 14, "count (3) must lie within the pool's autoscaling minCount 1 and maxCount 2"),
                Arguments.of("autoscaling: {minCount: 1, maxCount: 5}", "autoscaling: {minCount: 1}",
                        12, 7, "missing required field \"maxCount\""),
                Arguments.of("autoscaling: {minCount: 1, maxCount: 5}", "autoscaling: {min: 1, maxCount: 5}",
                        12, 21, "unknown field \"min\" in NodePoolAutoscaling (expected one of minCount, maxCount)"),
                Arguments.of("{scanInterval: 10s}", "{scanInterval: 0s}", 14, 37,
                        "expected a duration greater than 0, got 0s"),
                Arguments.of("{scanInterval: 10s}", "{scaleDownUnneededTime: -1m}", 14, 46,
                        "duration must not be negative, got \"-1m\""),
                Arguments.of("{scanInterval: 10s}", "{scaleDownDelayAfterAdd: -5s}", 14, 47,
                        "duration must not be negative, got \"-5s\""),
                Arguments.of("{scanInterval: 10s}", "{expander: priority}", 14, 33,
                        "unknown expander \"priority\": expected one of random, least-waste"),
                Arguments.of("{scanInterval: 10s}", "{scaleDownUtilizationThreshold: 1.5}", 14, 54,
                        "expected a fraction from 0 to 1, got 1.5"),
                Arguments.of("{scanInterval: 10s}", "{maxEmptyBulkDelete: 0}", 14, 43,
                        "expected an integer from 1 to 100000, got 0"),
                Arguments.of("{scanInterval: 10s}", "{scaleDownEnabled: 1}", 14, 41,
                        "expected true or false, got an integer (1)"));
    }

    @ParameterizedTest
    @MethodSource("badValues")
    @DisplayName("one located error per bad autoscaling value")
    void badValue(String from, String to, int line, int column, String message) throws Exception {
        ScenarioInputErrorsTest.assertOneLocatedError(dir, withPool().replace(from, to), line, column, message);
    }
}
