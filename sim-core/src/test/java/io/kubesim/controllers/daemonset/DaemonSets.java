package io.kubesim.controllers.daemonset;

import io.kubesim.api.Affinity;
import io.kubesim.api.Container;
import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.api.Toleration;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.NodePool;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Test fixtures: a DaemonSet manifest built fluently, and a run of it on node pools. */
final class DaemonSets {
    private String name = "agent";
    private long cpu = 100;
    private Map<String, String> nodeSelector = Map.of();
    private List<Toleration> tolerations = List.of();
    private boolean hostNetwork;
    private DaemonSetUpdateStrategy strategy = DaemonSetUpdateStrategy.DEFAULT_ROLLING;
    private int minReadySeconds;

    static DaemonSets daemonSet(String name) {
        DaemonSets d = new DaemonSets();
        d.name = name;
        return d;
    }

    DaemonSets cpu(long millis) {
        cpu = millis;
        return this;
    }

    DaemonSets nodeSelector(String key, String value) {
        nodeSelector = Map.of(key, value);
        return this;
    }

    DaemonSets tolerating(Toleration... t) {
        tolerations = List.of(t);
        return this;
    }

    DaemonSets hostNetwork() {
        hostNetwork = true;
        return this;
    }

    DaemonSets maxUnavailable(int n) {
        strategy = new DaemonSetUpdateStrategy(false, IntOrPercent.ofInt(n), IntOrPercent.ofInt(0));
        return this;
    }

    DaemonSets maxSurge(int n) {
        strategy = new DaemonSetUpdateStrategy(false, IntOrPercent.ofInt(0), IntOrPercent.ofInt(n));
        return this;
    }

    DaemonSets onDelete() {
        strategy = DaemonSetUpdateStrategy.ON_DELETE;
        return this;
    }

    DaemonSets minReadySeconds(int s) {
        minReadySeconds = s;
        return this;
    }

    Manifest.DaemonSetManifest build() {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 2, 1, 1, 3, null);
        Container c = new Container(name, name + ":1", Resources.of(cpu, 64L << 20), Resources.NONE, List.of(), null,
                readiness, null, null, false);
        PodSpec spec = new PodSpec(List.of(c), List.of(), nodeSelector, Affinity.NONE, tolerations, List.of(), "", null,
                false, 30, "", "", "Always", Resources.NONE, hostNetwork);
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), spec);
        return new Manifest.DaemonSetManifest("default", name, Map.of(), Map.of(), LabelSelector.of(Map.of("app", name)),
                t, strategy, minReadySeconds, 10, Manifest.Origin.UNKNOWN);
    }

    /** A pool of {@code count} 4-core nodes. */
    static NodePool pool(String name, int count) {
        return new NodePool(name, count, Resources.of(4000, 16L << 30), 110, Map.of(), List.of(), List.of());
    }

    /** Runs the manifests on the pools for {@code duration}; every app starts in 10 s. */
    static ClusterSimulation run(List<NodePool> pools, List<Manifest> manifests, List<TimelineAction> timeline,
                                 long duration) {
        ApplicationModel app = ApplicationModel.DEFAULT.withStartupTime(
                new DurationDistribution.Constant(SimTime.seconds(10)));
        SimulationSpec spec = new SimulationSpec("daemonset", 1, duration, SimTime.seconds(1), pools, manifests,
                Map.of(), app, timeline);
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(duration);
        return sim;
    }

    /** The DaemonSet's active pods, in creation order. */
    static List<Pod> podsOf(ClusterSimulation sim, String name) {
        DaemonSet ds = sim.store().daemonSets().get("default", name);
        List<Pod> out = new ArrayList<>();
        for (Pod p : sim.store().podsByOwner().get(ds.metadata().uid())) {
            if (p.isActive()) {
                out.add(p);
            }
        }
        out.sort(java.util.Comparator.comparingLong(p -> p.metadata().creationTimestamp()));
        return out;
    }
}
