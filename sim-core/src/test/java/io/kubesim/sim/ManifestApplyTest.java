package io.kubesim.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code apply} mid-run: a helm upgrade of several objects at once. */
class ManifestApplyTest {
    @Test
    void existingObjectsGetTheirNewSpecAndNewOnesAreCreated() {
        SimulationSpec base = RolloutUnderTraffic.spec("apply", null, SimTime.minutes(6));
        Manifest.DeploymentManifest web = (Manifest.DeploymentManifest) base.manifests().stream()
                .filter(m -> m instanceof Manifest.DeploymentManifest).findFirst().orElseThrow();
        PodTemplate v2 = web.template().withSpec(TimelinePlayer.withImages(web.template().spec(), Map.of("web", "web:2")));
        Manifest.DeploymentManifest upgraded = new Manifest.DeploymentManifest(web.namespace(), web.name(),
                web.labels(), web.annotations(), web.selector(), v2, 6, web.strategy(), web.minReadySeconds(),
                web.revisionHistoryLimit(), web.progressDeadlineSeconds(), false, web.origin());
        Manifest.PodDisruptionBudgetManifest pdb = new Manifest.PodDisruptionBudgetManifest("default", "web",
                Map.of(), LabelSelector.of(Map.of("app", "web")), null, IntOrPercent.ofInt(1), false,
                Manifest.Origin.UNKNOWN);
        List<TimelineAction> timeline = new ArrayList<>();
        timeline.add(new TimelineAction.Apply(SimTime.minutes(3), "v2.yaml", List.of(upgraded, pdb)));
        ClusterSimulation sim = new ClusterSimulation(base.withTimeline(timeline), ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(3) + 1);
        assertNotNull(sim.store().podDisruptionBudgets().get("default/web"), "a new PDB is created");
        assertEquals(6, sim.store().deployments().get("default/web").replicas());
        sim.run(SimTime.minutes(6));
        long onV2 = sim.store().pods().list().stream()
                .filter(p -> p.spec().containers().get(0).image().equals("web:2") && !p.isTerminal()).count();
        assertEquals(6, onV2, "the new template rolled out to the new replica count");
        ActionWindow w = sim.result().actions().get(0);
        assertEquals("apply", w.kind());
        assertTrue(w.end() > w.start(), "the window lasts until the rollout it started is done");
    }
}
