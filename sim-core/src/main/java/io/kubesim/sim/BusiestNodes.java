package io.kubesim.sim;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.EndpointSlice;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.Pod;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.kubelet.RequestLoad;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which node (or zone) a {@code failBusiestNode} ({@code failBusiestZone}) takes down, so that the
 * loss is the worst one for the scenario's traffic whatever the placement: the one whose pods that
 * are their Service's only ready endpoint serve the most requests per second (losing such a pod is
 * an outage of its Service until a replacement is ready, where other pods' traffic moves on within
 * a minute); then the one whose pods serve the most requests per second; then the one running the
 * most pods (the only measure without traffic); then the newest node, or the zone first in name
 * order.
 *
 * <p>A pod's rate is the requests offered to it since it started over the time since it started.
 * Counting pods alone made the loss a placement accident once nodes outnumbered pods: the node
 * chosen held one pod, whichever it was, and the planner's answer depended on it.
 */
final class BusiestNodes {
    private final ClusterStore store;
    private final Kubelets kubelets;
    private final RequestLoad load;

    BusiestNodes(ClusterStore store, Kubelets kubelets, RequestLoad load) {
        this.store = store;
        this.kubelets = kubelets;
        this.load = load;
    }

    /** The node (or every node of the zone) to fail now, among the up nodes of the action's pool. */
    List<Node> pick(TimelineAction.FailBusiest b) {
        List<Node> up = new ArrayList<>();
        for (Node n : store.nodes().list()) {
            if ((b.pool().isEmpty() || n.pool().equals(b.pool())) && kubelets.of(n.name()) != null
                    && !kubelets.of(n.name()).isDown()) {
                up.add(n);
            }
        }
        if (up.isEmpty()) {
            return List.of();
        }
        Map<String, Double> rates = requestRates();
        java.util.Set<String> sole = soleEndpoints();
        WorkloadPods of = b.workload().isEmpty() ? null : workloadPods(b.workloadKind(), b.workload());
        if (b.wholeZone()) {
            TreeMap<String, Load> byZone = new TreeMap<>();
            for (Node n : up) {
                byZone.merge(n.zone(), load(n, rates, sole, of), Load::plus);
            }
            String zone = byZone.firstKey();
            for (Map.Entry<String, Load> e : byZone.entrySet()) {
                if (Load.ORDER.compare(e.getValue(), byZone.get(zone)) > 0) {
                    zone = e.getKey();
                }
            }
            List<Node> inZone = new ArrayList<>();
            for (Node n : up) {
                if (n.zone().equals(zone)) {
                    inZone.add(n);
                }
            }
            return inZone;
        }
        Map<String, Load> loads = new HashMap<>();
        for (Node n : up) {
            loads.put(n.name(), load(n, rates, sole, of));
        }
        up.sort(Comparator.comparing((Node n) -> loads.get(n.name()), Load.ORDER)
                .thenComparingLong((Node n) -> n.metadata().creationTimestamp())
                .thenComparing(Node::name).reversed());
        return List.of(up.get(0));
    }

    /** Requests per second offered to each serving pod since it started, by pod uid. */
    private Map<String, Double> requestRates() {
        Map<String, Double> rates = new HashMap<>();
        long now = store.now();
        load.visit((pod, target, cpu, offered, held) -> {
            double seconds = Math.max(1.0, (now - pod.startTime()) / 1e6);
            rates.put(pod.metadata().uid(), offered / seconds);
        });
        return rates;
    }

    /** The uids of pods that are the only ready endpoint of some Service. */
    private java.util.Set<String> soleEndpoints() {
        Map<String, Integer> ready = new HashMap<>();
        for (EndpointSlice slice : store.endpointSlices().list()) {
            ready.merge(slice.serviceKey(), slice.readyCount(), Integer::sum);
        }
        java.util.Set<String> sole = new java.util.HashSet<>();
        for (EndpointSlice slice : store.endpointSlices().list()) {
            if (ready.get(slice.serviceKey()) == 1) {
                for (EndpointSlice.Endpoint e : slice.endpoints()) {
                    if (e.ready() && e.podUid() != null) {
                        sole.add(e.podUid());
                    }
                }
            }
        }
        return sole;
    }

    /** The pods of a workload: its namespace and selector. */
    private record WorkloadPods(String namespace, io.kubesim.api.LabelSelector selector) {
        boolean matches(Pod p) {
            return selector != null && p.namespace().equals(namespace) && selector.matches(p.metadata().labels());
        }
    }

    /** The pods of the Deployment or StatefulSet {@code ns/name} (none when it is gone). */
    private WorkloadPods workloadPods(String kind, String key) {
        String ns = key.contains("/") ? key.substring(0, key.indexOf('/')) : "default";
        String full = key.contains("/") ? key : "default/" + key;
        io.kubesim.cluster.Deployment d = kind.equals("StatefulSet") ? null : store.deployments().get(full);
        if (d != null) {
            return new WorkloadPods(ns, d.selector());
        }
        io.kubesim.cluster.StatefulSet s = kind.equals("Deployment") ? null : store.statefulSets().get(full);
        return new WorkloadPods(ns, s == null ? null : s.selector());
    }

    private Load load(Node n, Map<String, Double> rates, java.util.Set<String> sole, WorkloadPods of) {
        double soleRate = 0;
        double rate = 0;
        int pods = 0;
        int workloadPods = 0;
        for (Pod p : store.podsByNode().get(n.name())) {
            if (p.isActive()) {
                pods++;
                if (of != null && of.matches(p)) {
                    workloadPods++;
                }
                double r = rates.getOrDefault(p.metadata().uid(), 0.0);
                rate += r;
                if (sole.contains(p.metadata().uid())) {
                    soleRate += r;
                }
            }
        }
        return new Load(workloadPods, soleRate, rate, pods);
    }

    /**
     * What a node (or a zone) carries: the pods of the action's workload (when it names one), the
     * request rate of its pods that are their Service's only ready endpoint, the request rate of
     * all its pods, and how many run there.
     */
    private record Load(int workloadPods, double soleRate, double requestRate, int pods) {
        static final Comparator<Load> ORDER = Comparator.comparingInt(Load::workloadPods)
                .thenComparingDouble(Load::soleRate).thenComparingDouble(Load::requestRate).thenComparingInt(Load::pods);

        Load plus(Load o) {
            return new Load(workloadPods + o.workloadPods, soleRate + o.soleRate, requestRate + o.requestRate,
                    pods + o.pods);
        }
    }
}
