package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodAffinityTerm;
import io.kubesim.cluster.Pod;
import java.util.List;
import java.util.Map;

/** Matching of pod (anti-)affinity terms against pods (upstream framework.AffinityTerm.Matches). */
final class AffinityTerms {
    private AffinityTerms() {
    }

    /**
     * Whether {@code candidate} matches {@code term} declared by {@code owner}: its namespace is
     * in the term's namespaces (the owner's own namespace when neither namespaces nor a
     * namespaceSelector is given) or selected by the namespaceSelector (an empty selector
     * selects all), and its labels match the labelSelector (a null selector matches nothing).
     */
    static boolean matches(PodAffinityTerm term, Pod owner, Pod candidate, Map<String, String> candidateNsLabels) {
        return matches(term, owner.namespace(), candidate, candidateNsLabels);
    }

    /** As {@link #matches(PodAffinityTerm, Pod, Pod, Map)}, for a term declared by a pod of {@code ownerNamespace}. */
    static boolean matches(PodAffinityTerm term, String ownerNamespace, Pod candidate,
                           Map<String, String> candidateNsLabels) {
        String ns = candidate.namespace();
        boolean nsMatches;
        if (term.namespaces().isEmpty() && term.namespaceSelector() == null) {
            nsMatches = ns.equals(ownerNamespace);
        } else {
            nsMatches = term.namespaces().contains(ns)
                    || (term.namespaceSelector() != null && term.namespaceSelector().matches(candidateNsLabels));
        }
        return nsMatches && term.labelSelector() != null && term.labelSelector().matches(candidate.metadata().labels());
    }

    /** True when {@code candidate} matches every term (and there is at least one). */
    static boolean matchesAll(List<PodAffinityTerm> terms, Pod owner, Pod candidate, Map<String, String> nsLabels) {
        if (terms.isEmpty()) {
            return false;
        }
        for (PodAffinityTerm t : terms) {
            if (!matches(t, owner, candidate, nsLabels)) {
                return false;
            }
        }
        return true;
    }
}
