package io.kubesim.api;

import java.util.List;
import java.util.Set;

/**
 * A pod (anti-)affinity term: pods matching {@code labelSelector} in the given namespaces, within
 * the same {@code topologyKey} domain.
 *
 * @param namespaces        explicit namespaces; empty with a null namespaceSelector means the
 *                          pod's own namespace
 * @param namespaceSelector selects namespaces by label; an empty selector means all namespaces
 */
public record PodAffinityTerm(LabelSelector labelSelector, Set<String> namespaces,
                              LabelSelector namespaceSelector, String topologyKey) {
    public PodAffinityTerm {
        namespaces = Collections2.sortedCopy(namespaces);
    }

    /** A weighted preferred term. */
    public record Weighted(int weight, PodAffinityTerm term) {
    }

    /** Required and preferred terms of one kind (affinity or anti-affinity). */
    public record Rules(List<PodAffinityTerm> required, List<Weighted> preferred) {
        public static final Rules NONE = new Rules(List.of(), List.of());

        public Rules {
            required = List.copyOf(required);
            preferred = List.copyOf(preferred);
        }

        public boolean isEmpty() {
            return required.isEmpty() && preferred.isEmpty();
        }
    }
}
