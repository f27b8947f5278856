package io.kubesim.scenarios.audit;

import io.kubesim.scenarios.Location;

/**
 * One thing the audit found: which rule, about which object (kind, namespace/name), where in the
 * input ({@code file:line:col} of the field it is about), what is wrong and what to do about it.
 *
 * @param object e.g. {@code Deployment default/web}
 * @param fix    the recommended change, in the manifest's own terms
 * @param drill  the simulation that shows its cost and the fix's, or null when the check has none
 */
public record Finding(Rule rule, String object, Location location, String message, String fix, Drill drill) {
    public Finding(Rule rule, String object, Location location, String message, String fix) {
        this(rule, object, location, message, fix, null);
    }

    public Severity severity() {
        return rule.severity();
    }

    public AuditArea area() {
        return rule.area();
    }
}
