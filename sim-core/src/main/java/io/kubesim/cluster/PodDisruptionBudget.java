package io.kubesim.cluster;

import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PodDisruptionBudget (policy/v1): how many of the selected pods must stay healthy through
 * voluntary disruptions. Exactly one of {@code minAvailable} and {@code maxUnavailable} is set.
 * The status is written by the disruption controller and, on each eviction it allows, by the
 * eviction API (k8s-semantics.md 6.1 and 6.2).
 */
public final class PodDisruptionBudget implements ApiObject {
    public static final String KIND = "PodDisruptionBudget";
    /** Most entries {@code status.disruptedPods} may hold before evictions are refused (MaxDisruptedPodSize). */
    public static final int MAX_DISRUPTED_PODS = 2000;

    private final ObjectMeta metadata;
    private final LabelSelector selector;
    private final IntOrPercent minAvailable;
    private final IntOrPercent maxUnavailable;
    private final UnhealthyPodEvictionPolicy unhealthyPodEvictionPolicy;
    private long observedGeneration;
    private int expectedPods;
    private int desiredHealthy;
    private int currentHealthy;
    private int disruptionsAllowed;
    private String allowedReason = "";
    /** Pod name to the time its eviction was allowed, in insertion order. */
    private final Map<String, Long> disruptedPods = new LinkedHashMap<>();

    /**
     * @param selector       the pods it covers; null selects no pod (policy/v1 semantics)
     * @param minAvailable   null when maxUnavailable is set
     * @param maxUnavailable null when minAvailable is set
     */
    public PodDisruptionBudget(ObjectMeta metadata, LabelSelector selector, IntOrPercent minAvailable,
                               IntOrPercent maxUnavailable, UnhealthyPodEvictionPolicy unhealthyPodEvictionPolicy) {
        if ((minAvailable == null) == (maxUnavailable == null)) {
            throw new IllegalArgumentException("exactly one of minAvailable and maxUnavailable must be set");
        }
        this.metadata = metadata;
        this.selector = selector;
        this.minAvailable = minAvailable;
        this.maxUnavailable = maxUnavailable;
        this.unhealthyPodEvictionPolicy = unhealthyPodEvictionPolicy == null
                ? UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET : unhealthyPodEvictionPolicy;
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

    public LabelSelector selector() {
        return selector;
    }

    /** True when the budget covers this pod: same namespace, and the selector matches its labels. */
    public boolean selects(Pod pod) {
        return selector != null && pod.namespace().equals(namespace()) && selector.matches(pod.metadata().labels());
    }

    public IntOrPercent minAvailable() {
        return minAvailable;
    }

    public IntOrPercent maxUnavailable() {
        return maxUnavailable;
    }

    public UnhealthyPodEvictionPolicy unhealthyPodEvictionPolicy() {
        return unhealthyPodEvictionPolicy;
    }

    public long observedGeneration() {
        return observedGeneration;
    }

    public int expectedPods() {
        return expectedPods;
    }

    public int desiredHealthy() {
        return desiredHealthy;
    }

    public int currentHealthy() {
        return currentHealthy;
    }

    public int disruptionsAllowed() {
        return disruptionsAllowed;
    }

    /** The DisruptionAllowed condition's reason: SufficientPods or InsufficientPods; empty before the first sync. */
    public String allowedReason() {
        return allowedReason;
    }

    /** Pods whose eviction was allowed but whose deletion the controller has not yet seen, with when. */
    public Map<String, Long> disruptedPods() {
        return Collections.unmodifiableMap(disruptedPods);
    }

    /**
     * Writes the controller's view of the budget (disruption controller updatePdbStatus).
     *
     * @return whether anything changed (the controller writes only then, as upstream skips no-op updates)
     */
    public boolean setStatus(int expected, int desired, int current, int allowed, Map<String, Long> disrupted,
                             long generation) {
        String reason = allowed > 0 ? "SufficientPods" : "InsufficientPods";
        if (expected == expectedPods && desired == desiredHealthy && current == currentHealthy
                && allowed == disruptionsAllowed && disrupted.equals(disruptedPods) && generation == observedGeneration
                && reason.equals(allowedReason)) {
            return false;
        }
        expectedPods = expected;
        desiredHealthy = desired;
        currentHealthy = current;
        disruptionsAllowed = allowed;
        allowedReason = reason;
        disruptedPods.clear();
        disruptedPods.putAll(disrupted);
        observedGeneration = generation;
        return true;
    }

    /** Uses one disruption for {@code pod}, as an allowed eviction does (eviction.go checkAndDecrement). */
    public void recordDisruption(String pod, long now) {
        disruptionsAllowed--;
        if (disruptionsAllowed == 0) {
            allowedReason = "InsufficientPods";
        }
        disruptedPods.put(pod, now);
    }
}
