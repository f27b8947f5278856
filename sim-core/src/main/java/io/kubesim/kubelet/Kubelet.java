package io.kubesim.kubelet;

import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeCondition;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.WatchEventType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;

/** The kubelet of one node: one {@link PodWorker} per pod bound to it, and the node's image puller. */
public final class Kubelet {
    private final NodeAgentContext ctx;
    private final Node node;
    private final ImagePuller puller;
    private final ImageManager images;
    private final Map<String, PodWorker> workers = new LinkedHashMap<>();
    private final PodWorkers attached;
    private final RandomGenerator rng;
    private final int nodeNumber;
    private int nextHost;
    private NodeResources resources;
    private boolean down;
    /** Workers taken on so far: each one's place in the order of {@link #workers}. */
    private long workersTaken;

    /** @param nodeNumber 1, 2, ... in the order nodes joined: the node's pod CIDR is 10.N/16-ish, see {@link #allocatePodIP()} */
    Kubelet(NodeAgentContext ctx, Node node, int nodeNumber, PodWorkers attached) {
        this.ctx = ctx;
        this.attached = attached;
        this.node = node;
        this.nodeNumber = nodeNumber;
        this.puller = new ImagePuller(ctx.sim(), node, () -> ctx.store().nodes().update(node));
        this.images = new ImageManager(ctx, puller);
        this.rng = ctx.sim().random().stream("kubelet/" + node.name());
        ctx.store().nodeLeases().acquire(node.name(), ctx.config().leaseRenewInterval());
    }

    public Node node() {
        return node;
    }

    /** The pods this kubelet runs, in the order it took them on. */
    java.util.Collection<PodWorker> workers() {
        return workers.values();
    }

    PodWorker worker(String podUid) {
        return workers.get(podUid);
    }

    boolean hasWorker(PodWorker w) {
        return workers.get(w.pod().metadata().uid()) == w;
    }

    /** Usage, OOM kills and eviction on this node; null until resources are monitored. */
    NodeResources resources() {
        return resources;
    }

    void monitorResources(EvictionConfig config) {
        resources = new NodeResources(ctx, this, config);
    }

    /** This node's random stream: start-up, pull and shutdown times of the pods it runs. */
    RandomGenerator rng() {
        return rng;
    }

    ImagePuller puller() {
        return puller;
    }

    /** Pull policies, pull back-off and pull events in front of {@link #puller()}. */
    ImageManager images() {
        return images;
    }

    /**
     * A pod IP from this node's range, {@code 10.<hi>.<lo>.<host>} with the node's number split
     * over two octets (a /24 per node, as a common pod CIDR layout), hosts 2..254 reused cyclically.
     */
    String allocatePodIP() {
        int host = 2 + (nextHost++ % 253);
        return "10." + (nodeNumber >> 8 & 0xff) + "." + (nodeNumber & 0xff) + "." + host;
    }

    /** Number of pods this kubelet is running. */
    public int podCount() {
        return workers.size();
    }

    /** Whether the node's machine is down (the kubelet no longer runs). */
    public boolean isDown() {
        return down;
    }

    void podEvent(WatchEventType type, Pod pod) {
        if (down) {
            return;
        }
        String uid = pod.metadata().uid();
        PodWorker w = workers.get(uid);
        if (type == WatchEventType.DELETED) {
            if (w != null) {
                w.abandon();
                detach(w);
            }
            images.forget(pod);
            return;
        }
        if (w == null) {
            if (pod.isTerminal() || !ctx.store().pods().contains(pod)) {
                return;
            }
            w = new PodWorker(ctx, this, ++workersTaken, pod);
            workers.put(uid, w);
            attached.attached(w);
            w.start();
        }
        if (pod.metadata().isDeleting()) {
            w.terminate();
        } else {
            w.podUpdated();
        }
    }

    void forget(Pod pod) {
        PodWorker w = workers.get(pod.metadata().uid());
        if (w != null) {
            detach(w);
        }
        images.forget(pod);
    }

    private void detach(PodWorker w) {
        workers.remove(w.pod().metadata().uid());
        attached.detached(w);
        if (resources != null) {
            resources.forget(w);
        }
    }

    /** Lets every worker go (the machine is down, or the node is gone). */
    private void detachAll() {
        for (PodWorker w : workers.values()) {
            attached.detached(w);
        }
        workers.clear();
        if (resources != null) {
            resources.forgetAll();
        }
    }

    /**
     * The machine goes down (power, kernel panic, network partition): every process on it is
     * gone, the kubelet stops renewing its Lease and posting status, and nothing it ran reports
     * again. The Node and Pod objects stay in the API as they were (k8s-semantics.md 7).
     */
    void machineDown() {
        if (down) {
            return;
        }
        down = true;
        puller.stop();
        images.machineDown();
        if (resources != null) {
            resources.machineDown(ctx.sim().now());
        }
        ctx.store().nodeLeases().stopRenewing(node.name());
        for (PodWorker w : new ArrayList<>(workers.values())) {
            w.machineDown();
        }
        detachAll();
    }

    /**
     * The machine is back (rebooted, or the partition healed, its processes lost either way): the
     * kubelet renews its Lease again, posts Ready, and syncs the pods bound to the node. Pods
     * deleted meanwhile have nothing left to stop and are removed; the others start afresh (new
     * sandbox, containers, probes). The node-lifecycle controller takes the taints off at its next
     * pass.
     */
    void recover() {
        if (!down) {
            return;
        }
        down = false;
        puller.resume();
        long now = ctx.sim().now();
        if (resources != null) {
            resources.recovered();
        }
        ctx.store().nodeLeases().resumeRenewing(node.name());
        node.condition(NodeCondition.READY).set(ConditionStatus.TRUE, "KubeletReady", "kubelet is posting ready status",
                now);
        node.condition(NodeCondition.MEMORY_PRESSURE).set(ConditionStatus.FALSE, "KubeletHasSufficientMemory",
                "kubelet has sufficient memory available", now);
        node.condition(NodeCondition.DISK_PRESSURE).set(ConditionStatus.FALSE, "KubeletHasNoDiskPressure",
                "kubelet has no disk pressure", now);
        node.condition(NodeCondition.PID_PRESSURE).set(ConditionStatus.FALSE, "KubeletHasSufficientPID",
                "kubelet has sufficient PID available", now);
        ctx.store().nodes().update(node);
        ctx.events().normal(NodeAgentContext.SOURCE, node, "NodeReady", "Node " + node.name() + " status is now: NodeReady");
        for (Pod p : new ArrayList<>(ctx.store().podsByNode().get(node.name()))) {
            podEvent(WatchEventType.MODIFIED, p);
        }
    }

    /** The node object was deleted: every pod here stops being looked after. */
    void nodeGone() {
        if (resources != null) {
            resources.stop();
        }
        for (PodWorker w : new ArrayList<>(workers.values())) {
            w.abandon();
        }
        detachAll();
    }
}
