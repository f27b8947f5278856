package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.metrics.TimeSeriesStore;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The resource monitor keeps a departed node's figures for the summary, but not what ran on it: a
 * node-pool upgrade replaces every node, and holding the containers of each old node's last pass
 * kept every pod it ever ran alive (at 5,000 nodes, 170,000 pods' worth of heap).
 */
class ResourceMonitorRetentionTest {
    @Test
    @DisplayName("a node that is gone holds none of the containers its last pass measured; its figures remain")
    void goneNodeLetsItsContainersGo() {
        Simulation sim = new Simulation(7);
        ClusterStore store = new ClusterStore(sim);
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), 1);
        sim.runUntil(0);
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(1)),
                new DurationDistribution.Constant(SimTime.seconds(2)), DurationDistribution.Constant.ZERO, null,
                DurationDistribution.Constant.ZERO);
        Kubelets kubelets = new Kubelets(store, new EventRecorder(sim, true), new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), app));
        ResourceMonitor monitor = kubelets.monitorResources(RequestLoad.NONE, n -> EvictionConfig.DEFAULT,
                new TimeSeriesStore(), SimTime.seconds(10), p -> p.name());
        kubelets.start();
        for (int i = 0; i < 3; i++) {
            Container c = new Container("app", "img:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(), null,
                    null, null, null, false);
            PodSpec spec = PodSpec.of(List.of(c));
            spec = new PodSpec(spec.containers(), List.of(), spec.nodeSelector(), spec.affinity(), spec.tolerations(),
                    spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always", Resources.NONE, false);
            new PodAdmission(store).create(new Pod(new ObjectMeta("default", "p-" + i, store.newUid()), spec, sim.now()));
        }
        sim.runUntil(SimTime.seconds(30));
        NodeResources resources = kubelets.of("n-1").resources();
        assertEquals(3, resources.measuredContainers(), "the last pass measured the three running containers");

        store.nodes().remove(store.nodes().get("n-1"));
        sim.runUntil(SimTime.seconds(31));
        assertNull(kubelets.of("n-1"));
        assertEquals(0, resources.measuredContainers());
        assertEquals(0, resources.slots(), "nor its per-container arrays");
        assertEquals(1, monitor.nodeStats(sim.now()).size(), "the node's figures stay for the summary");
    }
}
