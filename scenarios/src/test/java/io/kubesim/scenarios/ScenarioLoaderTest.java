package io.kubesim.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.app.ApplicationModel;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The example scenario (src/test/resources/example) read into a SimulationSpec, field by field. */
class ScenarioLoaderTest {
    private final Loaded<SimulationSpec> loaded = ScenarioLoader.load(ExampleScenario.path());
    private final SimulationSpec spec = loaded.value();

    @Test
    void header() {
        assertEquals("rolling-update", spec.name());
        assertEquals(42, spec.seed());
        assertEquals(SimTime.minutes(10), spec.duration());
        assertEquals(SimTime.seconds(1), spec.sampleInterval());
    }

    @Test
    void manifestsAreResolvedRelativeToTheScenarioFile() {
        assertEquals(List.of("Deployment default/web", "Service default/web", "Deployment jobs/worker"),
                spec.manifests().stream().map(m -> m.kind() + " " + m.key()).toList());
        Manifest web = spec.manifests().get(0);
        assertTrue(web.origin().file().endsWith("example/manifests/web.yaml"), web.origin().file());
        assertEquals(List.of("not simulated (yet): 1 ServiceAccount"),
                loaded.warnings().stream().map(Diagnostic::message).toList());
    }

    @Test
    void nodePools() {
        NodePool a = spec.nodePools().get(0);
        assertEquals("pool-a", a.name());
        assertEquals(3, a.count());
        assertEquals(4000, a.allocatable().cpuMillis());
        assertEquals(16L << 30, a.allocatable().memoryBytes());
        assertEquals(100L << 30, a.allocatable().ephemeralStorageBytes());
        assertEquals(110, a.maxPods());
        assertEquals(Map.of("node.kubernetes.io/instance-type", "m5.xlarge"), a.labels());
        assertEquals(List.of("zone-a", "zone-b", "zone-c"), a.zones());
        NodePool batch = spec.nodePools().get(1);
        assertEquals(8000, batch.allocatable().cpuMillis(), "an unquoted integer cpu");
        assertEquals(NodePool.DEFAULT_MAX_PODS, batch.maxPods(), "pods defaults to 110");
        assertEquals(List.of(new Taint("dedicated", "batch", TaintEffect.NO_SCHEDULE)), batch.taints());
        assertTrue(batch.zones().isEmpty());
        assertEquals(100L << 30, batch.allocatable().ephemeralStorageBytes(), "ephemeral-storage defaults to 100Gi");
    }

    @Test
    void applicationsOverrideTheDefaultEntryWhichOverridesTheBuiltInDefaults() {
        ApplicationModel d = spec.defaultApplication();
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(5)), d.imagePullTime());
        assertEquals(new DurationDistribution.LogNormal(SimTime.seconds(4), SimTime.seconds(15)), d.startupTime());
        assertEquals(ApplicationModel.DEFAULT.shutdownTime(), d.shutdownTime());
        ApplicationModel web = spec.applications().get("web");
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(10)), web.startupTime());
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(2)), web.shutdownTime());
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(1)), web.preStopTime());
        assertEquals(d.imagePullTime(), web.imagePullTime(), "not set for web: from the default entry");
        assertNull(web.crashAfter());
        ApplicationModel worker = spec.applications().get("worker");
        assertEquals(new DurationDistribution.Uniform(SimTime.seconds(30), SimTime.seconds(90)), worker.crashAfter());
        assertEquals(d.startupTime(), worker.startupTime());
        assertEquals(List.of("web", "worker"), List.copyOf(spec.applications().keySet()));
    }

    @Test
    void timelineIsSortedByTimeAndStableForEqualTimes() {
        assertEquals(List.of(
                new TimelineAction.Rollout(SimTime.minutes(2), "web", Map.of("web", "nginx:1.27")),
                new TimelineAction.Rollout(SimTime.minutes(2), "worker", Map.of()),
                new TimelineAction.Scale(SimTime.minutes(5), "web", 5),
                new TimelineAction.AddNodes(SimTime.minutes(6), "pool-a", 2),
                new TimelineAction.RemoveNodes(SimTime.minutes(7), "pool-a", 1, List.of()),
                new TimelineAction.Cordon(SimTime.minutes(8), List.of("pool-a-5"), true),
                new TimelineAction.Cordon(SimTime.minutes(9), List.of("pool-a-5"), false),
                new TimelineAction.RemoveNodes(SimTime.seconds(570), "", 0, List.of("batch-1"))),
                spec.timeline());
    }

    @Test
    void loadingTwiceGivesEqualSpecs() {
        assertEquals(spec, ScenarioLoader.load(ExampleScenario.path()).value());
    }
}
