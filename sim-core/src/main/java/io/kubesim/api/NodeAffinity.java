package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * Node affinity. {@code required} terms are ORed (a node must match one); {@code null} means no
 * requirement. Preferred terms carry weights summed by the NodeAffinity score plugin.
 */
public record NodeAffinity(List<NodeSelectorTerm> required, List<PreferredTerm> preferred) {
    public NodeAffinity {
        required = required == null ? null : List.copyOf(required);
        preferred = List.copyOf(preferred);
    }

    /** A weighted preferred node selector term. */
    public record PreferredTerm(int weight, NodeSelectorTerm term) {
    }

    /** True when the node satisfies requiredDuringSchedulingIgnoredDuringExecution. */
    public boolean requiredMatches(String nodeName, Map<String, String> labels) {
        if (required == null) {
            return true;
        }
        for (NodeSelectorTerm t : required) {
            if (t.matches(nodeName, labels)) {
                return true;
            }
        }
        return false;
    }
}
