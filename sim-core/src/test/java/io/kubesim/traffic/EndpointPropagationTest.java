package io.kubesim.traffic;

import static io.kubesim.testing.PodStates.port;
import static io.kubesim.testing.PodStates.service;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Container;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.controllers.EndpointSliceController;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * From the kubelet to kube-proxy with real kubelets (k8s-semantics.md 4.3 and 5): a pod is
 * routable once it is Ready plus the slice and kube-proxy delays, and a deleted pod stops
 * receiving traffic after those delays while its preStop sleep keeps it running.
 */
class EndpointPropagationTest {
    /** Pod sync 0.1 s + sandbox 1 s + pull 3 s + container start 0.2 s (KubeletConfig.DEFAULT). */
    private static final long READY_AT = SimTime.millis(4300);
    private static final long SLICE = SimTime.millis(500);
    private static final long PROXY = SimTime.millis(1500);
    private static final long INGRESS = SimTime.millis(2500);

    private final Simulation sim = new Simulation(9);
    private final ClusterStore store = new ClusterStore(sim);

    @Test
    @DisplayName("routable at Ready + slice delay + kube-proxy delay; after deletion, unroutable that long later while preStop still runs")
    void kubeletToKubeProxy() {
        new ClusterBootstrap(store).addNodes(new NodePool("n", 1, Resources.of(4000, 8L << 30), 110, Map.of(),
                List.of(), List.of()), 1);
        sim.runUntil(0);
        ApplicationModel app = new ApplicationModel(new DurationDistribution.Constant(SimTime.seconds(3)),
                new DurationDistribution.Constant(SimTime.seconds(1)), new DurationDistribution.Constant(SimTime.seconds(4)),
                null, DurationDistribution.Constant.ZERO);
        new Kubelets(store, new EventRecorder(sim, true), new Counters(), KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), app)).start();
        NetworkSpec network = new NetworkSpec(new DurationDistribution.Constant(SLICE),
                new DurationDistribution.Constant(PROXY), new DurationDistribution.Constant(INGRESS));
        new EndpointSliceController(store, network.endpointSliceDelay()).start();
        ProxyViews views = new ProxyViews(store, network);
        views.start();
        store.services().create(service("web", Map.of("app", "web"), false, port("http", 80, "8080")));
        Pod first = create("web-1");
        create("web-2");
        EndpointView proxy = views.view(ProxyViews.KUBE_PROXY, "default/web");
        EndpointView ingress = views.view(ProxyViews.INGRESS, "default/web");

        sim.runUntil(READY_AT + SLICE + PROXY - 1);
        assertTrue(first.isReady());
        assertEquals(List.of(), keys(proxy), "Ready, but kube-proxy has not programmed it yet");
        sim.runUntil(READY_AT + SLICE + PROXY);
        assertEquals(List.of("default/web-1", "default/web-2"), keys(proxy));

        sim.runUntil(SimTime.seconds(60));
        store.deletePod(first, null);
        sim.runUntil(SimTime.seconds(60) + SLICE + PROXY);
        assertEquals(List.of("default/web-2"), keys(proxy));
        assertEquals(List.of("default/web-1", "default/web-2"), keys(ingress), "the ingress lags a second more");
        assertTrue(store.pods().contains(first), "the preStop sleep keeps the pod running after traffic stopped");
        sim.runUntil(SimTime.seconds(60) + SLICE + INGRESS);
        assertEquals(List.of("default/web-2"), keys(ingress));
    }

    private Pod create(String name) {
        Container c = new Container("web", "img:1", Resources.of(100, 1 << 26), Resources.NONE, List.of(), null, null,
                null, new LifecycleHandler("exec [sleep 15]", 15_000), false);
        PodSpec spec = PodSpec.of(List.of(c));
        spec = new PodSpec(spec.containers(), spec.initContainers(), spec.nodeSelector(), spec.affinity(),
                spec.tolerations(), spec.topologySpreadConstraints(), "", null, false, 30, "n-1", "", "Always",
                Resources.NONE, false);
        ObjectMeta meta = new ObjectMeta("default", name, store.newUid());
        meta.setLabels(Map.of("app", "web"));
        return new PodAdmission(store).create(new Pod(meta, spec, sim.now()));
    }

    private static List<String> keys(EndpointView v) {
        return v.routable().stream().map(Endpoint::podKey).toList();
    }
}
