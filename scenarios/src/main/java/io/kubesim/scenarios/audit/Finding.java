package io.kubesim.scenarios.audit;

import io.kubesim.scenarios.Location;

/**
 * One thing the audit found: which rule, about which object (kind, namespace/name), where in the
 * input ({@code file:line:col} of the field it is about), what is wrong and what to do about it.
 *
 * @param object e.g. {@code Deployment default/web}
 * @param fix    the recommended change, in the manifest's own terms
 */
public record Finding(Rule rule, String object, Location location, String message, String fix) {
    public Severity severity() {
        return rule.severity();
    }

    public AuditArea area() {
        return rule.area();
    }
}
