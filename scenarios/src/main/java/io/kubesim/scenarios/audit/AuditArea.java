package io.kubesim.scenarios.audit;

/** The parts of the audit, in the order an expert goes through them (the text output's sections). */
public enum AuditArea {
    RESOURCES("Resource requests and limits"),
    DISRUPTION_BUDGETS("PodDisruptionBudget coverage"),
    PROBES("Probes"),
    ROLLING_UPDATES("Rolling-update parameters"),
    DRAINING("Connection draining (preStop)"),
    AUTOSCALING("Horizontal autoscaling"),
    BLAST_RADIUS("Replicas, spread and blast radius"),
    RBAC("RBAC"),
    NETWORK_POLICIES("NetworkPolicies"),
    API_VERSIONS("API versions"),
    ROLLBACK("Rollback history");

    private final String title;

    AuditArea(String title) {
        this.title = title;
    }

    public String title() {
        return title;
    }
}
