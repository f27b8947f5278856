package io.kubesim.cluster;

import io.kubesim.api.Collections2;
import io.kubesim.api.QuotaScope;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A ResourceQuota: {@code spec.hard} and its {@code status.used} (k8s-semantics.md 15.1).
 * Amounts are in the units of {@link io.kubesim.api.QuantityFormat#of}. Usage is charged by
 * admission ({@link ResourceQuotaAdmission}) and released by the quota controller when the pod
 * stops counting; each pod's charge is kept by uid so that exactly what was charged is released.
 */
public final class ResourceQuota implements ApiObject {
    public static final String KIND = "ResourceQuota";
    /** The object count of pods, charged for as long as the pod is stored. */
    static final String POD_OBJECT_COUNT = "count/pods";

    private final ObjectMeta metadata;
    private final Map<String, Long> hard;
    private final List<QuotaScope> scopes;
    private final Map<String, Long> used = new TreeMap<>();
    private final Map<String, Long> maxUsed = new TreeMap<>();
    private final Map<String, Map<String, Long>> chargesByPod = new LinkedHashMap<>();
    private long podsRefused;

    public ResourceQuota(ObjectMeta metadata, Map<String, Long> hard, List<QuotaScope> scopes) {
        this.metadata = metadata;
        this.hard = Collections2.sortedCopy(hard);
        this.scopes = List.copyOf(scopes);
        for (String k : this.hard.keySet()) {
            used.put(k, 0L);
            maxUsed.put(k, 0L);
        }
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

    /** {@code spec.hard}, sorted by key. */
    public Map<String, Long> hard() {
        return hard;
    }

    public List<QuotaScope> scopes() {
        return scopes;
    }

    /** {@code status.used}: every hard key, sorted. */
    public Map<String, Long> used() {
        return java.util.Collections.unmodifiableMap(used);
    }

    /** The highest {@code status.used} of each key so far. */
    public Map<String, Long> maxUsed() {
        return java.util.Collections.unmodifiableMap(maxUsed);
    }

    /** Pod creations this quota refused. */
    public long podsRefused() {
        return podsRefused;
    }

    void refused() {
        podsRefused++;
    }

    /** Adds a pod's usage (only the hard keys are kept) and remembers it for {@link #release}. */
    void charge(String podUid, Map<String, Long> usage) {
        Map<String, Long> kept = new TreeMap<>();
        for (Map.Entry<String, Long> e : usage.entrySet()) {
            if (hard.containsKey(e.getKey())) {
                kept.put(e.getKey(), e.getValue());
            }
        }
        chargesByPod.put(podUid, kept);
        add(kept, 1);
    }

    /** Returns a pod's charge; false when the pod was not charged to this quota. */
    public boolean release(String podUid) {
        Map<String, Long> charge = chargesByPod.remove(podUid);
        if (charge == null) {
            return false;
        }
        add(charge, -1);
        return true;
    }

    /**
     * A pod turned Succeeded or Failed: returns its charge except {@code count/pods}, which counts
     * every pod in storage until it is deleted (pods.go PodUsageFunc: "pods" tracks the pods not yet
     * terminal, "count/pods" all of them); false when nothing changed.
     */
    public boolean releaseCompute(String podUid) {
        Map<String, Long> charge = chargesByPod.get(podUid);
        if (charge == null) {
            return false;
        }
        Long objectCount = charge.get(POD_OBJECT_COUNT);
        Map<String, Long> compute = new TreeMap<>(charge);
        compute.remove(POD_OBJECT_COUNT);
        if (compute.isEmpty()) {
            return false;
        }
        add(compute, -1);
        if (objectCount == null) {
            chargesByPod.remove(podUid);
        } else {
            chargesByPod.put(podUid, new TreeMap<>(Map.of(POD_OBJECT_COUNT, objectCount)));
        }
        return true;
    }

    /** Adds {@code delta} objects to a count key (e.g. {@code count/deployments.apps}), if tracked. */
    public boolean count(String key, long delta) {
        if (!hard.containsKey(key)) {
            return false;
        }
        add(Map.of(key, delta), 1);
        return true;
    }

    private void add(Map<String, Long> amounts, int sign) {
        for (Map.Entry<String, Long> e : amounts.entrySet()) {
            long v = used.merge(e.getKey(), sign * e.getValue(), Long::sum);
            maxUsed.merge(e.getKey(), v, Math::max);
        }
    }
}
