package io.kubesim.scenarios.audit;

import java.util.List;

/** One check of the audit: its {@link Rule} and the findings it makes on an input. */
public interface AuditCheck {
    Rule rule();

    List<Finding> check(AuditInput input);

    /** A finding of this check about {@code o}, located at the field at {@code pointer} (relative to the object). */
    default Finding finding(AuditObject o, String pointer, String message, String fix) {
        return new Finding(rule(), o.ref(), o.at(pointer), message, fix);
    }

    /** As {@link #finding(AuditObject, String, String, String)}, with the drill that shows its cost. */
    default Finding finding(AuditObject o, String pointer, String message, String fix, Drill drill) {
        return new Finding(rule(), o.ref(), o.at(pointer), message, fix, drill);
    }
}
