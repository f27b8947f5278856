package io.kubesim.cluster;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A pod: its immutable spec and its mutable status. Written by the scheduler (binding), the
 * kubelet (phase, conditions, container statuses) and controllers (deletion).
 */
public final class Pod implements ApiObject {
    public static final String KIND = "Pod";

    private final ObjectMeta metadata;
    private PodSpec spec;
    private Resources requests;
    private QosClass qosClass;
    private String nodeName;
    private String nominatedNodeName = "";
    private String podIP = "";
    private PodPhase phase = PodPhase.PENDING;
    private String reason = "";
    private String message = "";
    private long startTime = -1;
    private final Condition scheduled;
    private final Condition initialized;
    private final Condition containersReady;
    private final Condition ready;
    private Condition disruptionTarget;
    /** Conditions other controllers set through the status subresource (readiness gates); null until one is set. */
    private java.util.Map<String, Condition> extraConditions;
    private final List<ContainerStatus> containerStatuses;

    public Pod(ObjectMeta metadata, PodSpec spec, long now) {
        this.metadata = metadata;
        this.spec = spec;
        this.requests = spec.effectiveRequests();
        this.qosClass = QosClass.of(spec);
        this.nodeName = spec.nodeName();
        this.scheduled = new Condition("PodScheduled", ConditionStatus.FALSE, now);
        this.initialized = new Condition("Initialized", ConditionStatus.FALSE, now);
        this.containersReady = new Condition("ContainersReady", ConditionStatus.FALSE, now);
        this.ready = new Condition("Ready", ConditionStatus.FALSE, now);
        List<ContainerStatus> statuses = new ArrayList<>(spec.containers().size());
        for (Container c : spec.containers()) {
            statuses.add(new ContainerStatus(c.name()));
        }
        this.containerStatuses = Collections.unmodifiableList(statuses);
    }

    @Override
    public ObjectMeta metadata() {
        return metadata;
    }

    @Override
    public String kind() {
        return KIND;
    }

    public String name() {
        return metadata.name();
    }

    public String namespace() {
        return metadata.namespace();
    }

    public PodSpec spec() {
        return spec;
    }

    /**
     * Admission may rewrite the spec (LimitRange defaults, priority, default tolerations) before
     * the pod is stored; the effective requests and the QoS class follow it.
     */
    void setSpec(PodSpec s) {
        if (s.containers() != spec.containers() || s.initContainers() != spec.initContainers()
                || s.overhead() != spec.overhead()) {
            requests = s.effectiveRequests();
            qosClass = QosClass.of(s);
        }
        spec = s;
    }

    /** The effective request used by the scheduler's Fit filter, computed once. */
    public Resources requests() {
        return requests;
    }

    public QosClass qosClass() {
        return qosClass;
    }

    /** The priority resolved at admission (0 when none). */
    public int priority() {
        Integer p = spec.priority();
        return p == null ? 0 : p;
    }

    /** The node the pod is bound to, or "" while unscheduled. */
    public String nodeName() {
        return nodeName;
    }

    public boolean isBound() {
        return !nodeName.isEmpty();
    }

    public void bind(String node, long now) {
        nodeName = node;
        scheduled.set(ConditionStatus.TRUE, "", "", now);
    }

    /** {@code status.podIP}: "" until the kubelet has created the pod's sandbox. */
    public String podIP() {
        return podIP;
    }

    public void setPodIP(String ip) {
        podIP = ip == null ? "" : ip;
    }

    public String nominatedNodeName() {
        return nominatedNodeName;
    }

    public void setNominatedNodeName(String n) {
        nominatedNodeName = n == null ? "" : n;
    }

    public PodPhase phase() {
        return phase;
    }

    public void setPhase(PodPhase p) {
        phase = p;
    }

    public String reason() {
        return reason;
    }

    public String message() {
        return message;
    }

    public void setReasonAndMessage(String r, String m) {
        reason = r == null ? "" : r;
        message = m == null ? "" : m;
    }

    public long startTime() {
        return startTime;
    }

    public void setStartTime(long t) {
        startTime = t;
    }

    public Condition scheduledCondition() {
        return scheduled;
    }

    public Condition initializedCondition() {
        return initialized;
    }

    public Condition containersReadyCondition() {
        return containersReady;
    }

    public Condition readyCondition() {
        return ready;
    }

    public boolean isReady() {
        return ready.isTrue();
    }

    /** The DisruptionTarget condition, or null when the pod was not disrupted. */
    public Condition disruptionTarget() {
        return disruptionTarget;
    }

    public void setDisruptionTarget(String reason, String message, long now) {
        if (disruptionTarget == null) {
            disruptionTarget = new Condition("DisruptionTarget", ConditionStatus.TRUE, now);
        }
        disruptionTarget.set(ConditionStatus.TRUE, reason, message, now);
    }

    /** A condition set by another controller (a readiness gate's type), or null when it does not exist. */
    public Condition condition(String type) {
        return extraConditions == null ? null : extraConditions.get(type);
    }

    /** Sets a condition through the status subresource, as a load-balancer controller sets a readiness gate. */
    public void setCondition(String type, ConditionStatus status, long now) {
        if (extraConditions == null) {
            extraConditions = new java.util.LinkedHashMap<>();
        }
        extraConditions.computeIfAbsent(type, t -> new Condition(t, status, now)).set(status, "", "", now);
    }

    public List<ContainerStatus> containerStatuses() {
        return containerStatuses;
    }

    public ContainerStatus containerStatus(String name) {
        for (ContainerStatus s : containerStatuses) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        return null;
    }

    /** Sum of container restart counts. */
    public int restartCount() {
        int n = 0;
        for (ContainerStatus s : containerStatuses) {
            n += s.restartCount();
        }
        return n;
    }

    /** Not terminal and not being deleted: what the ReplicaSet controller counts (rs controller IsPodActive). */
    public boolean isActive() {
        return !phase.isTerminal() && !metadata.isDeleting();
    }

    /**
     * Available (k8s-semantics.md 2.4): Ready, and either minReadySeconds is 0 or the pod has been
     * ready for longer than minReadySeconds.
     */
    public boolean isAvailable(int minReadySeconds, long now) {
        if (!ready.isTrue()) {
            return false;
        }
        if (minReadySeconds == 0) {
            return true;
        }
        return ready.lastTransitionTime() + minReadySeconds * 1_000_000L < now;
    }

    public boolean isTerminal() {
        return phase.isTerminal();
    }
}
