package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * What a kubelet's resource-metrics endpoint gives metrics-server for a pod: something only when a
 * live kubelet runs it with something running, the pod as a whole and each asked-for container,
 * with the working set a container reports when its scenario says nothing about memory (half its
 * request).
 */
class KubeletsScrapeTest {
    private static final long MI = 1L << 20;

    private final Simulation sim = new Simulation(5);
    private final ClusterStore store = new ClusterStore(sim);
    private Kubelets kubelets;

    private void cluster(int nodes) {
        new ClusterBootstrap(store).addNodes(new NodePool("n", nodes, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), nodes);
        store.sim().runUntil(0);
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(1)),
                new DurationDistribution.Constant(SimTime.seconds(2)), DurationDistribution.Constant.ZERO, null,
                DurationDistribution.Constant.ZERO);
        kubelets = new Kubelets(store, new EventRecorder(sim, true), new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), app));
        kubelets.start();
    }

    private Pod pod(String name, String node, Container... containers) {
        PodSpec spec = PodSpec.of(List.of(containers));
        spec = new PodSpec(spec.containers(), List.of(), spec.nodeSelector(), spec.affinity(), spec.tolerations(),
                spec.topologySpreadConstraints(), "", null, false, 30, node, "", "Always", Resources.NONE, false);
        Pod pod = new PodAdmission(store).create(new Pod(new ObjectMeta("default", name, store.newUid()), spec, sim.now()));
        pods.add(pod);
        return pod;
    }

    private static Container container(String name, long memoryMi) {
        return new Container(name, "img:1", Resources.of(100, memoryMi * MI), Resources.NONE, List.of(), null, null,
                null, null, false);
    }

    private final List<Pod> pods = new ArrayList<>();

    private List<String> scrape(String... containers) {
        List<String> out = new ArrayList<>();
        for (Pod p : pods) {
            kubelets.report(p, sim.now(), List.of(containers), (pod, container, cpu, memory) ->
                    out.add(pod.name() + "/" + container + "=" + memory / MI + "Mi"));
        }
        return out;
    }

    @Test
    @DisplayName("a pod reports once its containers run: the pod's sum, then each asked-for container it runs")
    void runningPodsReportPodAndContainers() {
        cluster(1);
        pod("web-1", "n-1", container("app", 256), container("proxy", 64));
        pod("web-2", "n-1", container("app", 128));
        assertEquals(List.of(), scrape("proxy"), "nothing runs before the kubelet starts the containers");
        sim.runUntil(SimTime.seconds(30));
        assertEquals(List.of("web-1/=160Mi", "web-1/proxy=32Mi", "web-2/=64Mi"), scrape("proxy"));
    }

    @Test
    @DisplayName("a node whose machine is down reports nothing for its pods; the others still do")
    void downNodeReportsNothing() {
        cluster(2);
        pod("a", "n-1", container("app", 100));
        pod("b", "n-2", container("app", 200));
        sim.runUntil(SimTime.seconds(30));
        assertEquals(List.of("a/=50Mi", "b/=100Mi"), scrape());
        assertTrue(kubelets.machineDown("n-1"));
        assertEquals(List.of("b/=100Mi"), scrape());
    }
}
