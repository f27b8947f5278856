package io.kubesim.kubelet;

import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.cluster.Condition;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.NodeCondition;
import io.kubesim.cluster.PriorityClass;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's kubelet eviction manager for the {@code memory.available} signal (k8s-semantics.md
 * 4.5, pkg/kubelet/eviction/eviction_manager.go synchronize):
 * <ol>
 *   <li>{@code memory.available = capacity − working set}; a threshold is met when its quantity
 *       is strictly above it, and while it stays met its minimum reclaim is added;</li>
 *   <li>MemoryPressure is True while a threshold is observed (a soft one even before its grace
 *       period) and for the pressure transition period after the last observation; the node
 *       gets the {@code node.kubernetes.io/memory-pressure:NoSchedule} taint meanwhile;</li>
 *   <li>a soft threshold acts once it has been observed for its grace period;</li>
 *   <li>when a threshold acts, at most one pod is evicted per synchronisation, the first by
 *       {@link EvictionRanking#MEMORY}, never a critical one, with a grace period of 1 s for a
 *       hard threshold and {@code min(evictionMaxPodGracePeriod, its own)} for a soft one; the
 *       manager then waits (polling each second, at most 30 s) for the pod to be cleaned up
 *       before synchronising again.</li>
 * </ol>
 */
final class EvictionManager {
    /** immediateEvictionGracePeriodSeconds. */
    static final long HARD_EVICTION_GRACE_SECONDS = 1;
    static final String REASON = "Evicted";

    private final NodeAgentContext ctx;
    private final Node node;
    private final EvictionConfig config;
    private final long capacity;
    private long softObservedSince = -1;
    private boolean hardActedLast;
    private boolean softActedLast;
    private long lastObserved = Long.MIN_VALUE;
    private boolean pressure;
    private long pressureSince;
    private long pressureTotal;
    private int evictions;

    EvictionManager(NodeAgentContext ctx, Node node, EvictionConfig config) {
        this.ctx = ctx;
        this.node = node;
        this.config = config;
        this.capacity = node.capacity().memoryBytes();
    }

    /** What one synchronisation decided. */
    record Decision(PodWorker victim, long graceSeconds, String message) {
    }

    /**
     * Observes the signal, updates the node's MemoryPressure condition and taint, and returns the
     * pod to evict, or null.
     *
     * @param workingSet the bytes all containers on the node use now
     * @param pods       the pods on the node that can be evicted, with their usage; asked for only
     *                   when a threshold acts
     */
    Decision synchronize(long now, double workingSet, java.util.function.Supplier<List<RankedPod>> pods) {
        double available = capacity - workingSet;
        long hardQ = config.hard() == null ? -1 : config.hard().quantity(capacity);
        long softQ = config.soft() == null ? -1 : config.soft().quantity(capacity);
        boolean hardMet = hardQ >= 0 && (hardActedLast ? hardQ + config.minimumReclaimBytes() : hardQ) > available;
        boolean softObserved = softQ >= 0
                && (softActedLast ? softQ + config.minimumReclaimBytes() : softQ) > available;
        if (softObserved && softObservedSince < 0) {
            softObservedSince = now;
        } else if (!softObserved) {
            softObservedSince = -1;
        }
        boolean softMet = softObserved && now - softObservedSince >= config.softGracePeriod();
        if (hardMet || softObserved) {
            lastObserved = now;
        }
        updatePressure(now, lastObserved != Long.MIN_VALUE && now - lastObserved < config.pressureTransitionPeriod()
                || hardMet || softObserved);
        hardActedLast = hardMet;
        softActedLast = softMet;
        if (!hardMet && !softMet) {
            return null;
        }
        EvictionConfig.Threshold threshold = hardMet ? config.hard() : config.soft();
        ctx.events().warning(NodeAgentContext.SOURCE, node, "EvictionThresholdMet", "Attempting to reclaim memory");
        List<RankedPod> ranked = new ArrayList<>();
        for (RankedPod p : pods.get()) {
            if (p.candidate().priority() < PriorityClass.SYSTEM_CRITICAL_PRIORITY) {
                ranked.add(p);
            }
        }
        if (ranked.isEmpty()) {
            return null;
        }
        ranked.sort((a, b) -> EvictionRanking.MEMORY.compare(a.candidate(), b.candidate()));
        RankedPod victim = ranked.get(0);
        long grace = hardMet ? HARD_EVICTION_GRACE_SECONDS
                : Math.min(config.maxPodGracePeriodSeconds(), victim.terminationGracePeriodSeconds());
        evictions++;
        return new Decision(victim.worker(), grace, message(threshold, available, victim));
    }

    /** A pod on the node with the memory its containers use, in spec order. */
    record RankedPod(PodWorker worker, EvictionRanking.Candidate candidate, long terminationGracePeriodSeconds,
                     List<ContainerMemory> containers) {
    }

    /** One container's working set and memory request. */
    record ContainerMemory(String name, double usage, long request) {
    }

    /** eviction/helpers.go evictionMessage, for the memory resource. */
    private String message(EvictionConfig.Threshold threshold, double available, RankedPod victim) {
        StringBuilder sb = new StringBuilder("The node was low on resource: memory. Threshold quantity: ")
                .append(threshold).append(", available: ")
                .append(MemoryQuantity.format(Math.max(0, Math.round(available)) / 1024 * 1024)).append(". ");
        for (ContainerMemory c : victim.containers()) {
            if (c.usage() > c.request()) {
                sb.append("Container ").append(c.name()).append(" was using ")
                        .append(MemoryQuantity.format(Math.round(c.usage()) / 1024 * 1024)).append(", request is ")
                        .append(MemoryQuantity.format(c.request())).append(", has larger consumption of memory. ");
            }
        }
        return sb.toString().trim();
    }

    private void updatePressure(long now, boolean under) {
        if (under == pressure) {
            return;
        }
        pressure = under;
        Condition c = node.condition(NodeCondition.MEMORY_PRESSURE);
        String status;
        if (under) {
            pressureSince = now;
            c.set(ConditionStatus.TRUE, "KubeletHasInsufficientMemory", "kubelet has insufficient memory available", now);
            node.addTaint(new Taint(Node.TAINT_MEMORY_PRESSURE, "", TaintEffect.NO_SCHEDULE));
            status = "NodeHasInsufficientMemory";
        } else {
            pressureTotal += now - pressureSince;
            c.set(ConditionStatus.FALSE, "KubeletHasSufficientMemory", "kubelet has sufficient memory available", now);
            node.removeTaint(Node.TAINT_MEMORY_PRESSURE, TaintEffect.NO_SCHEDULE);
            status = "NodeHasSufficientMemory";
        }
        ctx.store().nodes().update(node);
        ctx.events().normal(NodeAgentContext.SOURCE, node, status, "Node " + node.name() + " status is now: " + status);
    }

    /**
     * The machine went down: the kubelet reports nothing more (the node-lifecycle controller
     * marks its conditions Unknown); the pressure period it reported ends now.
     */
    void machineDown(long now) {
        if (pressure) {
            pressureTotal += now - pressureSince;
            pressure = false;
        }
    }

    /**
     * The kubelet starts again after the machine came back: no threshold observed yet, and the
     * memory-pressure taint goes as the kubelet posts MemoryPressure False.
     */
    void restart() {
        softObservedSince = -1;
        hardActedLast = false;
        softActedLast = false;
        lastObserved = Long.MIN_VALUE;
        pressure = false;
        if (node.removeTaint(Node.TAINT_MEMORY_PRESSURE, TaintEffect.NO_SCHEDULE)) {
            ctx.store().nodes().update(node);
        }
    }

    /** Virtual time the node has spent under MemoryPressure up to {@code now}. */
    long pressureTime(long now) {
        return pressureTotal + (pressure ? now - pressureSince : 0);
    }

    boolean underPressure() {
        return pressure;
    }

    int evictions() {
        return evictions;
    }
}
