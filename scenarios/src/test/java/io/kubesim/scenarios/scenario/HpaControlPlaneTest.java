package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.controllers.hpa.HpaConfig;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HPA controller's and metrics-server's {@code controlPlane} settings (k8s-semantics.md 1.1). */
class HpaControlPlaneTest {
    @TempDir
    Path dir;

    private SimulationSpec load(String controlPlane) throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\ncontrolPlane: " + controlPlane));
        return ScenarioLoader.load(file).value();
    }

    @Test
    void defaultsAreUpstreams() throws Exception {
        SimulationSpec spec = load("{}");
        assertEquals(HpaConfig.DEFAULTS, spec.hpa());
        assertEquals(SimTime.seconds(15), spec.hpa().syncPeriod());
        assertEquals(0.1, spec.hpa().tolerance());
        assertEquals(SimTime.minutes(5), spec.hpa().downscaleStabilization());
        assertEquals(SimTime.seconds(15), spec.hpa().metricResolution());
    }

    @Test
    void eachSettingIsRead() throws Exception {
        SimulationSpec spec = load("{horizontalPodAutoscalerSyncPeriod: 30s, horizontalPodAutoscalerTolerance: 0.05, "
                + "horizontalPodAutoscalerDownscaleStabilization: 1m, horizontalPodAutoscalerCpuInitializationPeriod: 2m, "
                + "horizontalPodAutoscalerInitialReadinessDelay: 10s, metricResolution: 60s}");
        assertEquals(new HpaConfig(SimTime.seconds(30), 0.05, SimTime.minutes(1), SimTime.minutes(2), SimTime.seconds(10),
                SimTime.seconds(60)), spec.hpa());
    }

    @Test
    void toleranceOfOneOrMoreIsALocatedError() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        String text = ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\ncontrolPlane: {horizontalPodAutoscalerTolerance: 1.5}");
        int line = (int) text.substring(0, text.indexOf("controlPlane")).chars().filter(c -> c == '\n').count() + 1;
        ScenarioInputErrorsTest.assertOneLocatedError(dir, text, line, 50,
                "expected a tolerance below 1 (a fraction such as 0.1), got 1.5");
    }

    @Test
    void zeroSyncPeriodIsALocatedError() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        String text = ScenarioInputErrorsTest.BASE.replace("duration: 10m",
                "duration: 10m\ncontrolPlane: {metricResolution: 0s}");
        int line = (int) text.substring(0, text.indexOf("controlPlane")).chars().filter(c -> c == '\n').count() + 1;
        ScenarioInputErrorsTest.assertOneLocatedError(dir, text, line, 34, "expected a duration greater than 0, got 0s");
    }
}
