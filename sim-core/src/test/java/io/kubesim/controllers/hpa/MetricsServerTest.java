package io.kubesim.controllers.hpa;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * metrics-server's points as the HPA reads them (k8s-semantics.md 1.2): a pod has a sample once two
 * consecutive scrapes saw it, stamped with the last scrape and the resolution; and only the pods in
 * scope (those some HPA may read) are scraped.
 */
class MetricsServerTest {
    private static final long RESOLUTION = SimTime.seconds(15);

    private final Simulation sim = new Simulation(1);
    private final ClusterStore store = new ClusterStore(sim);
    /** Every bound pod reports 250 millicores and 64 MiB. */
    private final MetricsServer metrics = new MetricsServer(store,
            (pod, now, containers, sink) -> sink.point(pod, "", 250, 64L << 20), RESOLUTION);

    private Pod pod(String name) {
        Container c = new Container("app", "img:1", Resources.of(100, 1L << 26), Resources.NONE, List.of(), null, null,
                null, null, false);
        PodSpec spec = PodSpec.of(List.of(c));
        spec = new PodSpec(spec.containers(), List.of(), spec.nodeSelector(), spec.affinity(), spec.tolerations(),
                spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always", Resources.NONE, false);
        return new PodAdmission(store).create(new Pod(new ObjectMeta("default", name, store.newUid()), spec, sim.now()));
    }

    @Test
    @DisplayName("a pod has a sample from the second scrape that saw it, stamped with the latest scrape")
    void sampleAfterTwoScrapes() {
        Pod a = pod("a");
        metrics.start();
        sim.runUntil(RESOLUTION);
        assertNull(metrics.sample(a, "", true), "one scrape: no rate yet");
        sim.runUntil(2 * RESOLUTION);
        MetricSample s = metrics.sample(a, "", true);
        assertEquals(new MetricSample(250, 2 * RESOLUTION, RESOLUTION), s);
        assertEquals(64L << 20, metrics.sample(a, "", false).value());
    }

    @Test
    @DisplayName("only the pods in scope are scraped: a pod no HPA can read has no sample")
    void onlyPodsInScope() {
        Pod a = pod("a");
        Pod b = pod("b");
        metrics.readBy(() -> List.of(a));
        metrics.start();
        sim.runUntil(3 * RESOLUTION);
        assertNotNull(metrics.sample(a, "", true));
        assertNull(metrics.sample(b, "", true));
    }

    @Test
    @DisplayName("a pod in scope twice (two HPAs over the same pods) is one point, with its history")
    void overlappingScopesKeepHistory() {
        Pod a = pod("a");
        metrics.readBy(() -> List.of(a, a));
        metrics.start();
        sim.runUntil(2 * RESOLUTION);
        assertNotNull(metrics.sample(a, "", true), "seen by two scrapes, though twice in each");
    }
}
