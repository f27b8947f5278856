package io.kubesim.api;

import java.util.List;

/**
 * A topologySpreadConstraint.
 *
 * @param doNotSchedule     {@code whenUnsatisfiable: DoNotSchedule} (a filter), else ScheduleAnyway (a score)
 * @param minDomains        null when unset
 * @param honorNodeAffinity nodeAffinityPolicy Honor (default) vs Ignore
 * @param honorNodeTaints   nodeTaintsPolicy Honor vs Ignore (default)
 */
public record TopologySpreadConstraint(int maxSkew, String topologyKey, boolean doNotSchedule,
                                       LabelSelector labelSelector, Integer minDomains,
                                       boolean honorNodeAffinity, boolean honorNodeTaints,
                                       List<String> matchLabelKeys) {
    public TopologySpreadConstraint {
        matchLabelKeys = List.copyOf(matchLabelKeys);
    }
}
