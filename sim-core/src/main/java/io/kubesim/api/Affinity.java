package io.kubesim.api;

/** A pod's affinity: node affinity (nullable), pod affinity and pod anti-affinity. */
public record Affinity(NodeAffinity nodeAffinity, PodAffinityTerm.Rules podAffinity,
                       PodAffinityTerm.Rules podAntiAffinity) {
    public static final Affinity NONE = new Affinity(null, PodAffinityTerm.Rules.NONE, PodAffinityTerm.Rules.NONE);

    public Affinity {
        podAffinity = podAffinity == null ? PodAffinityTerm.Rules.NONE : podAffinity;
        podAntiAffinity = podAntiAffinity == null ? PodAffinityTerm.Rules.NONE : podAntiAffinity;
    }

    public boolean hasPodAffinityRules() {
        return !podAffinity.isEmpty() || !podAntiAffinity.isEmpty();
    }
}
