package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ResourceUsage;
import io.kubesim.app.ServingModel;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A housekeeping pass over the same running containers as the last one asks only the containers
 * whose usage may have changed (growth, bursts, request load) for their usage; the others' figures
 * are the last pass's. The node's figures are exactly those of a pass that measures everything.
 */
class HousekeepingMeasurementTest {
    @AfterEach
    void restore() {
        NodeResources.measureEverything(false);
    }

    /** Three pods of static usage and one whose working set grows (a leak), on one node. */
    private static final class Node {
        final Simulation sim = new Simulation(7);
        final NodeResources resources;

        Node() {
            ClusterStore store = new ClusterStore(sim);
            new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                    List.of(), List.of()), 1);
            sim.runUntil(0);
            ApplicationModel plain = model(ResourceUsage.DEFAULT);
            ApplicationModel leaky = model(new ResourceUsage(0.05, ResourceUsage.MEMORY_DEFAULT, 4096, null));
            Kubelets kubelets = new Kubelets(store, new EventRecorder(sim, true), new Counters(), KubeletConfig.DEFAULT,
                    new ApplicationCatalog(store, Map.of("leaky", leaky), plain));
            kubelets.monitorResources(RequestLoad.NONE, n -> EvictionConfig.DEFAULT, new TimeSeriesStore(),
                    SimTime.seconds(10), p -> p.name());
            kubelets.start();
            for (String name : List.of("p-0", "p-1", "leaky", "p-2")) {
                Container c = new Container("app", "img:1", Resources.of(100, 64L << 20), Resources.NONE, List.of(),
                        null, null, null, null, false);
                PodSpec spec = PodSpec.of(List.of(c));
                spec = new PodSpec(spec.containers(), List.of(), spec.nodeSelector(), spec.affinity(),
                        spec.tolerations(), spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always",
                        Resources.NONE, false);
                new PodAdmission(store).create(new Pod(new ObjectMeta("default", name, store.newUid()), spec,
                        sim.now()));
            }
            sim.runUntil(SimTime.seconds(25));
            resources = kubelets.of("n-1").resources();
        }

        private static ApplicationModel model(ResourceUsage usage) {
            return new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(1)),
                    new DurationDistribution.Constant(SimTime.seconds(2)), DurationDistribution.Constant.ZERO, null,
                    DurationDistribution.Constant.ZERO, ServingModel.DEFAULT, usage);
        }

        /** Working set and CPU used after each of the next {@code passes} passes. */
        List<String> figures(int passes) {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < passes; i++) {
                sim.runUntil(sim.now() + SimTime.seconds(10));
                out.add(resources.workingSet() + " " + resources.cpuUsed());
            }
            return out;
        }
    }

    @Test
    @DisplayName("a pass over unchanged containers measures only the one whose usage grows")
    void measuresOnlyWhatCanChange() {
        Node node = new Node();
        assertEquals(4, node.resources.measuredContainers(), "four containers run");
        long before = node.resources.containersMeasured();
        node.figures(3);
        assertEquals(3, node.resources.containersMeasured() - before, "one container measured in each of 3 passes");

        NodeResources.measureEverything(true);
        Node reference = new Node();
        long all = reference.resources.containersMeasured();
        reference.figures(3);
        assertEquals(12, reference.resources.containersMeasured() - all, "the reference measures all four each pass");
    }

    @Test
    @DisplayName("the node's working set and CPU are those of passes that measure everything")
    void sameFiguresAsMeasuringEverything() {
        List<String> incremental = new Node().figures(6);
        NodeResources.measureEverything(true);
        List<String> reference = new Node().figures(6);
        assertEquals(reference, incremental);
        assertEquals(6, incremental.stream().distinct().count(), "the leak moves the working set every pass");
    }
}
