package io.kubesim.testing;

import io.kubesim.api.Affinity;
import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.LifecycleHandler;
import io.kubesim.api.NodeAffinity;
import io.kubesim.api.NodeSelectorTerm;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Requirement;
import io.kubesim.api.Resources;
import io.kubesim.api.SelectorOperator;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import io.kubesim.api.TopologySpreadConstraint;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.OwnerReference;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Service;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Fluent builders for test objects, e.g.
 * {@code Fixtures.pod("web-1").cpu("500m").memory("1Gi").label("app", "web").build()} and
 * {@code Fixtures.node("n1").cpu("4").memory("16Gi").zone("a").taint("gpu", "true", NO_SCHEDULE).build()}.
 *
 * <p>Pods get the namespace "default" and one container "app" (image "app:1") unless told
 * otherwise; {@code cpu}/{@code memory} set that container's requests, {@link #container} adds
 * more. Nodes get the hostname label, 110 allocatable pods and capacity equal to allocatable.
 * UIDs are derived from names, so they are stable across runs and test orders.
 */
public final class Fixtures {
    private Fixtures() {
    }

    public static PodBuilder pod(String name) {
        return new PodBuilder(name);
    }

    public static NodeBuilder node(String name) {
        return new NodeBuilder(name);
    }

    public static ContainerBuilder container(String name) {
        return new ContainerBuilder(name);
    }

    /**
     * A ReplicaSet in the template pod's namespace selecting the template's labels, e.g.
     * {@code replicaSet("web-abc", 3, pod("t").label("app", "web").cpu("100m"))}.
     */
    public static ReplicaSet replicaSet(String name, int replicas, PodBuilder template) {
        PodTemplate t = template.template();
        ObjectMeta meta = new ObjectMeta(template.namespace, name, "uid-" + template.namespace + "-" + name);
        meta.setLabels(t.labels());
        return new ReplicaSet(meta, LabelSelector.of(t.labels()), t, replicas, 0);
    }

    /** A RollingUpdate (25 % / 25 %) Deployment selecting the template's labels. */
    public static Deployment deployment(String name, int replicas, PodBuilder template) {
        PodTemplate t = template.template();
        ObjectMeta meta = new ObjectMeta(template.namespace, name, "uid-" + template.namespace + "-" + name);
        meta.setLabels(t.labels());
        return new Deployment(meta, LabelSelector.of(t.labels()), t, replicas, DeploymentStrategy.DEFAULT_ROLLING, 0,
                null, null);
    }

    /** A ClusterIP Service in {@code default} selecting pods by {@code key=value} pairs. */
    public static Service service(String name, String... selectorKeyValues) {
        return new Service(new ObjectMeta("default", name, "uid-default-" + name),
                selector(selectorKeyValues).matchLabels(), List.of(), "ClusterIP", false, false);
    }

    /** A label selector {@code key=value, ...} from alternating keys and values. */
    public static LabelSelector selector(String... keyValues) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i + 1 < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return LabelSelector.of(m);
    }

    /** A pod (anti-)affinity term selecting {@code key=value} in the pod's own namespace. */
    public static PodAffinityTerm term(String topologyKey, String key, String value) {
        return new PodAffinityTerm(selector(key, value), Set.of(), null, topologyKey);
    }

    /** A node selector term with one {@code key In (values)} expression. */
    public static NodeSelectorTerm nodeTerm(String key, String... values) {
        return new NodeSelectorTerm(List.of(new Requirement(key, SelectorOperator.IN, List.of(values))), List.of());
    }

    /** A toleration {@code key=value:effect} (operator Equal). */
    public static Toleration tolerationEqual(String key, String value, TaintEffect effect) {
        return new Toleration(key, false, value, effect, null);
    }

    /** A toleration {@code key:effect} with operator Exists; an empty key tolerates every key. */
    public static Toleration tolerationExists(String key, TaintEffect effect) {
        return new Toleration(key, true, "", effect, null);
    }

    /** Builds a container. */
    public static final class ContainerBuilder {
        private final String name;
        private String image;
        private final Resources.Builder requests = Resources.builder();
        private final Resources.Builder limits = Resources.builder();
        private final List<ContainerPort> ports = new ArrayList<>();
        private Probe startup;
        private Probe readiness;
        private Probe liveness;
        private LifecycleHandler preStop;
        private boolean sidecar;

        ContainerBuilder(String name) {
            this.name = name;
            this.image = name + ":1";
        }

        public ContainerBuilder image(String i) {
            image = i;
            return this;
        }

        public ContainerBuilder cpu(String q) {
            requests.cpuMillis(Quantities.cpuMillis(q));
            return this;
        }

        public ContainerBuilder memory(String q) {
            requests.memoryBytes(Quantities.bytes(q));
            return this;
        }

        public ContainerBuilder ephemeralStorage(String q) {
            requests.ephemeralStorageBytes(Quantities.bytes(q));
            return this;
        }

        /** Requests an extended resource, e.g. {@code nvidia.com/gpu}. */
        public ContainerBuilder request(String resource, long amount) {
            requests.set(resource, amount);
            return this;
        }

        public ContainerBuilder limitCpu(String q) {
            limits.cpuMillis(Quantities.cpuMillis(q));
            return this;
        }

        public ContainerBuilder limitMemory(String q) {
            limits.memoryBytes(Quantities.bytes(q));
            return this;
        }

        public ContainerBuilder port(int containerPort) {
            ports.add(new ContainerPort("", containerPort, 0, "TCP", ""));
            return this;
        }

        /** A named TCP container port (what a Service's named targetPort resolves to). */
        public ContainerBuilder port(String name, int containerPort) {
            ports.add(new ContainerPort(name, containerPort, 0, "TCP", ""));
            return this;
        }

        public ContainerBuilder hostPort(int containerPort, int hostPort) {
            ports.add(new ContainerPort("", containerPort, hostPort, "TCP", ""));
            return this;
        }

        public ContainerBuilder hostPort(int containerPort, int hostPort, String protocol, String hostIP) {
            ports.add(new ContainerPort("", containerPort, hostPort, protocol, hostIP));
            return this;
        }

        public ContainerBuilder startupProbe(Probe p) {
            startup = p;
            return this;
        }

        public ContainerBuilder readinessProbe(Probe p) {
            readiness = p;
            return this;
        }

        public ContainerBuilder livenessProbe(Probe p) {
            liveness = p;
            return this;
        }

        public ContainerBuilder preStop(LifecycleHandler h) {
            preStop = h;
            return this;
        }

        /** Marks an init container as a sidecar ({@code restartPolicy: Always}). */
        public ContainerBuilder sidecar() {
            sidecar = true;
            return this;
        }

        public Container build() {
            return new Container(name, image, requests.build(), limits.build(), ports, startup, readiness, liveness,
                    preStop, sidecar);
        }
    }

    /** Builds a pod. */
    public static final class PodBuilder {
        private final String name;
        private String namespace = "default";
        private String uid;
        private final Map<String, String> labels = new TreeMap<>();
        private final Map<String, String> annotations = new TreeMap<>();
        private OwnerReference owner;
        private ContainerBuilder main;
        private final List<ContainerBuilder> containers = new ArrayList<>();
        private final List<ContainerBuilder> initContainers = new ArrayList<>();
        private final Map<String, String> nodeSelector = new TreeMap<>();
        private final List<Toleration> tolerations = new ArrayList<>();
        private final List<TopologySpreadConstraint> spread = new ArrayList<>();
        private List<NodeSelectorTerm> requiredNodeTerms;
        private final List<NodeAffinity.PreferredTerm> preferredNodeTerms = new ArrayList<>();
        private final List<PodAffinityTerm> affinityRequired = new ArrayList<>();
        private final List<PodAffinityTerm.Weighted> affinityPreferred = new ArrayList<>();
        private final List<PodAffinityTerm> antiRequired = new ArrayList<>();
        private final List<PodAffinityTerm.Weighted> antiPreferred = new ArrayList<>();
        private String priorityClassName = "";
        private Integer priority;
        private boolean preemptNever;
        private long grace = PodSpec.DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS;
        private String nodeName = "";
        private String schedulerName = "";
        private String restartPolicy = "Always";
        private Resources overhead = Resources.NONE;
        private boolean hostNetwork;
        private long createdAt;
        private boolean noContainers;

        PodBuilder(String name) {
            this.name = name;
        }

        private ContainerBuilder main() {
            if (main == null) {
                main = new ContainerBuilder("app");
                containers.add(0, main);
            }
            return main;
        }

        public PodBuilder namespace(String ns) {
            namespace = ns;
            return this;
        }

        public PodBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        public PodBuilder annotation(String key, String value) {
            annotations.put(key, value);
            return this;
        }

        /** Sets the controller owner reference, e.g. {@code owner("ReplicaSet", "web-abc")}. */
        public PodBuilder owner(String kind, String ownerName) {
            owner = new OwnerReference(kind, ownerName, "uid-" + namespace + "-" + ownerName);
            return this;
        }

        public PodBuilder owner(OwnerReference ref) {
            owner = ref;
            return this;
        }

        /** Request of the main container "app". */
        public PodBuilder cpu(String q) {
            main().cpu(q);
            return this;
        }

        public PodBuilder memory(String q) {
            main().memory(q);
            return this;
        }

        public PodBuilder image(String image) {
            main().image(image);
            return this;
        }

        public PodBuilder hostPort(int port) {
            main().hostPort(port, port);
            return this;
        }

        /** Adds an app container; a pod built with containers only has no implicit "app" container. */
        public PodBuilder container(ContainerBuilder c) {
            containers.add(c);
            return this;
        }

        /** Adds an init container (call {@code sidecar()} on it for a restartable one). */
        public PodBuilder initContainer(ContainerBuilder c) {
            initContainers.add(c);
            return this;
        }

        /** A pod with no containers at all. */
        public PodBuilder noContainers() {
            containers.clear();
            main = null;
            noContainers = true;
            return this;
        }

        public PodBuilder nodeSelector(String key, String value) {
            nodeSelector.put(key, value);
            return this;
        }

        public PodBuilder toleration(Toleration t) {
            tolerations.add(t);
            return this;
        }

        public PodBuilder toleration(String key, String value, TaintEffect effect) {
            return toleration(tolerationEqual(key, value, effect));
        }

        /** requiredDuringScheduling node affinity: the node must match one of the terms. */
        public PodBuilder requiredNodeAffinity(NodeSelectorTerm... terms) {
            requiredNodeTerms = List.of(terms);
            return this;
        }

        public PodBuilder preferredNodeAffinity(int weight, NodeSelectorTerm term) {
            preferredNodeTerms.add(new NodeAffinity.PreferredTerm(weight, term));
            return this;
        }

        public PodBuilder podAffinity(PodAffinityTerm term) {
            affinityRequired.add(term);
            return this;
        }

        public PodBuilder preferredPodAffinity(int weight, PodAffinityTerm term) {
            affinityPreferred.add(new PodAffinityTerm.Weighted(weight, term));
            return this;
        }

        public PodBuilder podAntiAffinity(PodAffinityTerm term) {
            antiRequired.add(term);
            return this;
        }

        public PodBuilder preferredPodAntiAffinity(int weight, PodAffinityTerm term) {
            antiPreferred.add(new PodAffinityTerm.Weighted(weight, term));
            return this;
        }

        /** A topology spread constraint with the default policies (affinity Honor, taints Ignore). */
        public PodBuilder spread(int maxSkew, String topologyKey, boolean doNotSchedule, LabelSelector selector) {
            spread.add(new TopologySpreadConstraint(maxSkew, topologyKey, doNotSchedule, selector, null, true, false,
                    List.of()));
            return this;
        }

        public PodBuilder spread(TopologySpreadConstraint c) {
            spread.add(c);
            return this;
        }

        /** The resolved priority (as admission would set it). */
        public PodBuilder priority(int p) {
            priority = p;
            return this;
        }

        public PodBuilder priorityClassName(String n) {
            priorityClassName = n;
            return this;
        }

        /** {@code preemptionPolicy: Never}. */
        public PodBuilder preemptNever() {
            preemptNever = true;
            return this;
        }

        public PodBuilder terminationGracePeriodSeconds(long s) {
            grace = s;
            return this;
        }

        /** Created bound to this node ({@code spec.nodeName}). */
        public PodBuilder nodeName(String n) {
            nodeName = n;
            return this;
        }

        /** Short for {@link #nodeName}: {@code pod("web-1").cpu("500m").on("n1")}. */
        public PodBuilder on(String node) {
            return nodeName(node);
        }

        public PodBuilder schedulerName(String n) {
            schedulerName = n;
            return this;
        }

        public PodBuilder restartPolicy(String p) {
            restartPolicy = p;
            return this;
        }

        public PodBuilder overhead(String cpu, String memory) {
            overhead = Resources.of(Quantities.cpuMillis(cpu), Quantities.bytes(memory));
            return this;
        }

        public PodBuilder hostNetwork() {
            hostNetwork = true;
            return this;
        }

        /** The creation time the pod object carries before the store stamps it. */
        public PodBuilder createdAt(long micros) {
            createdAt = micros;
            return this;
        }

        public PodSpec spec() {
            if (containers.isEmpty() && !noContainers) {
                main();
            }
            List<Container> cs = new ArrayList<>();
            for (ContainerBuilder c : containers) {
                cs.add(c.build());
            }
            List<Container> init = new ArrayList<>();
            for (ContainerBuilder c : initContainers) {
                init.add(c.build());
            }
            NodeAffinity na = requiredNodeTerms == null && preferredNodeTerms.isEmpty() ? null
                    : new NodeAffinity(requiredNodeTerms, preferredNodeTerms);
            Affinity affinity = new Affinity(na, new PodAffinityTerm.Rules(affinityRequired, affinityPreferred),
                    new PodAffinityTerm.Rules(antiRequired, antiPreferred));
            return new PodSpec(cs, init, nodeSelector, affinity, tolerations, spread, priorityClassName, priority,
                    preemptNever, grace, nodeName, schedulerName, restartPolicy, overhead, hostNetwork);
        }

        /** The labels, annotations and spec as a pod template (for ReplicaSets and Deployments). */
        public PodTemplate template() {
            return new PodTemplate(labels, annotations, spec());
        }

        /** The pod's uid (by default {@code uid-<namespace>-<name>}): another for a new pod of an old name. */
        public PodBuilder uid(String uid) {
            this.uid = uid;
            return this;
        }

        /** Builds the pod object (not stored). */
        public Pod build() {
            ObjectMeta meta = new ObjectMeta(namespace, name, uid != null ? uid : "uid-" + namespace + "-" + name);
            meta.setLabels(labels);
            meta.setAnnotations(annotations);
            meta.setOwner(owner);
            meta.setCreationTimestamp(createdAt);
            return new Pod(meta, spec(), createdAt);
        }
    }

    /** Builds a node. */
    public static final class NodeBuilder {
        private final String name;
        private String pool = "default";
        private final Resources.Builder allocatable = Resources.builder();
        private int maxPods = 110;
        private final Map<String, String> labels = new TreeMap<>();
        private final List<Taint> taints = new ArrayList<>();
        private final List<String> images = new ArrayList<>();
        private boolean unschedulable;

        NodeBuilder(String name) {
            this.name = name;
            labels.put(Node.LABEL_HOSTNAME, name);
        }

        public NodeBuilder cpu(String q) {
            allocatable.cpuMillis(Quantities.cpuMillis(q));
            return this;
        }

        public NodeBuilder memory(String q) {
            allocatable.memoryBytes(Quantities.bytes(q));
            return this;
        }

        public NodeBuilder ephemeralStorage(String q) {
            allocatable.ephemeralStorageBytes(Quantities.bytes(q));
            return this;
        }

        public NodeBuilder extended(String resource, long amount) {
            allocatable.set(resource, amount);
            return this;
        }

        public NodeBuilder maxPods(int n) {
            maxPods = n;
            return this;
        }

        public NodeBuilder label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /** Removes a label, e.g. the default hostname label. */
        public NodeBuilder withoutLabel(String key) {
            labels.remove(key);
            return this;
        }

        public NodeBuilder zone(String zone) {
            return label(Node.LABEL_ZONE, zone);
        }

        public NodeBuilder region(String region) {
            return label(Node.LABEL_REGION, region);
        }

        public NodeBuilder taint(String key, String value, TaintEffect effect) {
            taints.add(new Taint(key, value, effect));
            return this;
        }

        /** Cordoned: spec.unschedulable and the unschedulable taint. */
        public NodeBuilder unschedulable() {
            unschedulable = true;
            return this;
        }

        public NodeBuilder image(String image) {
            images.add(image);
            return this;
        }

        public NodeBuilder pool(String p) {
            pool = p;
            return this;
        }

        public Node build() {
            ObjectMeta meta = new ObjectMeta("", name, "uid-node-" + name);
            meta.setLabels(labels);
            Resources alloc = allocatable.build();
            Node n = new Node(meta, pool, alloc, alloc, maxPods, taints, 0);
            if (unschedulable) {
                n.setUnschedulable(true);
            }
            for (String i : images) {
                n.addImage(i);
            }
            return n;
        }
    }
}
