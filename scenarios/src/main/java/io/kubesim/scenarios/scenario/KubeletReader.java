package io.kubesim.scenarios.scenario;

import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.scenarios.Diagnostics;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Set;

/**
 * Reads a node pool's {@code kubelet}: the node-pressure eviction settings, named as in the
 * KubeletConfiguration (k8s-semantics.md 4.5). Signals are keys such as {@code memory.available};
 * kubesim simulates memory only, so thresholds on the disk and PID signals are accepted with a
 * warning and ignored. As upstream, setting {@code evictionHard} replaces all the default hard
 * thresholds.
 */
final class KubeletReader {
    static final String MEMORY = "memory.available";
    private static final Set<String> OTHER_SIGNALS = Set.of("nodefs.available", "nodefs.inodesFree",
            "imagefs.available", "imagefs.inodesFree", "containerfs.available", "containerfs.inodesFree",
            "pid.available", "allocatableMemory.available");

    private KubeletReader() {
    }

    static EvictionConfig read(ScenarioNode n, Diagnostics diagnostics) {
        if (!n.isPresent()) {
            return EvictionConfig.DEFAULT;
        }
        n.object("Kubelet");
        EvictionConfig.Threshold hard = n.get("evictionHard").isPresent()
                ? threshold(n.get("evictionHard"), diagnostics) : EvictionConfig.DEFAULT_HARD;
        EvictionConfig.Threshold soft = n.get("evictionSoft").isPresent()
                ? threshold(n.get("evictionSoft"), diagnostics) : null;
        long grace = 0;
        ScenarioNode graceNode = n.get("evictionSoftGracePeriod");
        if (graceNode.isPresent()) {
            ScenarioNode g = signals(graceNode, diagnostics).get(MEMORY);
            if (g != null) {
                grace = g.positiveDuration();
            }
        }
        if (soft != null && grace <= 0) {
            throw n.get("evictionSoft").error("a soft threshold needs a grace period: set evictionSoftGracePeriod "
                    + "for " + MEMORY);
        }
        long transition = n.get("evictionPressureTransitionPeriod").isPresent()
                ? n.get("evictionPressureTransitionPeriod").duration() : EvictionConfig.DEFAULT_TRANSITION;
        if (transition < 0) {
            throw n.get("evictionPressureTransitionPeriod").error("must not be negative");
        }
        long maxGrace = n.get("evictionMaxPodGracePeriod").isPresent()
                ? n.get("evictionMaxPodGracePeriod").intInRange(0, Integer.MAX_VALUE) : 0;
        long reclaim = 0;
        ScenarioNode reclaimNode = n.get("evictionMinimumReclaim");
        if (reclaimNode.isPresent()) {
            ScenarioNode r = signals(reclaimNode, diagnostics).get(MEMORY);
            if (r != null) {
                reclaim = ServingReader.bytes(r);
            }
        }
        return new EvictionConfig(hard, soft, grace, transition, maxGrace, reclaim);
    }

    /** The memory.available threshold of a signal map, or null when it sets none (or 0% / 100%). */
    private static EvictionConfig.Threshold threshold(ScenarioNode map, Diagnostics diagnostics) {
        ScenarioNode v = signals(map, diagnostics).get(MEMORY);
        if (v == null) {
            return null;
        }
        String text = v.scalarText().trim();
        if (text.endsWith("%")) {
            BigDecimal pct;
            try {
                pct = new BigDecimal(text.substring(0, text.length() - 1));
            } catch (NumberFormatException e) {
                throw v.error("invalid percentage \"" + text + "\" (e.g. 10%)");
            }
            if (pct.signum() < 0 || pct.compareTo(BigDecimal.valueOf(100)) > 0) {
                throw v.error("a percentage threshold must be from 0% to 100%, got " + text);
            }
            if (pct.signum() == 0 || pct.compareTo(BigDecimal.valueOf(100)) == 0) {
                return null; // upstream: 0% and 100% mean no threshold
            }
            return EvictionConfig.Threshold.fraction(pct.doubleValue() / 100);
        }
        long bytes = ServingReader.bytes(v);
        if (bytes <= 0) {
            throw v.error("a threshold quantity must be positive, got " + text);
        }
        return EvictionConfig.Threshold.bytes(bytes);
    }

    private static Map<String, ScenarioNode> signals(ScenarioNode map, Diagnostics diagnostics) {
        Map<String, ScenarioNode> entries = map.entries();
        for (Map.Entry<String, ScenarioNode> e : entries.entrySet()) {
            if (OTHER_SIGNALS.contains(e.getKey())) {
                diagnostics.warn(e.getValue().keyLocation(), "eviction signal " + e.getKey()
                        + " is not simulated (kubesim models memory.available only); ignored");
            } else if (!e.getKey().equals(MEMORY)) {
                throw e.getValue().errorAtKey("unknown eviction signal \"" + e.getKey() + "\" (expected "
                        + MEMORY + ", or one of " + new java.util.TreeSet<>(OTHER_SIGNALS) + ")");
            }
        }
        return entries;
    }
}
