package io.kubesim.controllers;

/**
 * A zone's health as the node-lifecycle controller classifies it (k8s-semantics.md 7,
 * {@code ComputeZoneState}): no ready node left is a full disruption; more than two not-ready
 * nodes making up at least the unhealthy-zone threshold is a partial one.
 */
public enum ZoneState {
    INITIAL("Initial"), NORMAL("Normal"), PARTIAL_DISRUPTION("PartialDisruption"), FULL_DISRUPTION("FullDisruption");

    private final String wireName;

    ZoneState(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /** Classifies a zone from its ready and not-ready node counts. */
    static ZoneState of(int ready, int notReady, double unhealthyZoneThreshold) {
        if (ready == 0 && notReady > 0) {
            return FULL_DISRUPTION;
        }
        if (notReady > 2 && (double) notReady / (notReady + ready) >= unhealthyZoneThreshold) {
            return PARTIAL_DISRUPTION;
        }
        return NORMAL;
    }
}
