package io.kubesim.api;

import java.util.List;

/**
 * One term of a ResourceQuota's scope: an entry of {@code spec.scopes} (operator {@code Exists})
 * or of {@code spec.scopeSelector.matchExpressions}. A quota applies to a pod only when every
 * term matches it (k8s-semantics.md 15.1).
 *
 * @param scopeName BestEffort, NotBestEffort, Terminating, NotTerminating or PriorityClass
 * @param operator  In, NotIn, Exists or DoesNotExist
 * @param values    the PriorityClass names for In and NotIn, else empty
 */
public record QuotaScope(String scopeName, String operator, List<String> values) {
    public static final String BEST_EFFORT = "BestEffort";
    public static final String NOT_BEST_EFFORT = "NotBestEffort";
    public static final String TERMINATING = "Terminating";
    public static final String NOT_TERMINATING = "NotTerminating";
    public static final String PRIORITY_CLASS = "PriorityClass";

    public QuotaScope {
        values = List.copyOf(values);
    }

    /** A {@code spec.scopes} entry. */
    public static QuotaScope exists(String scopeName) {
        return new QuotaScope(scopeName, "Exists", List.of());
    }

    @Override
    public String toString() {
        return values.isEmpty() ? scopeName + " " + operator : scopeName + " " + operator + " " + values;
    }
}
