package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.ResourceQuota;
import io.fabric8.kubernetes.api.model.ResourceQuotaSpec;
import io.fabric8.kubernetes.api.model.ScopedResourceSelectorRequirement;
import io.kubesim.api.Manifest;
import io.kubesim.api.QuotaScope;
import io.kubesim.scenarios.Quantities;
import io.kubesim.scenarios.yaml.Pointers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads a ResourceQuota (v1, k8s-semantics.md 15.1). The API server's validation is an error
 * (a key that is not a quota resource, a negative amount, a count that is not whole, an unknown
 * scope or operator); what it accepts and kubesim does not track (storage, ConfigMaps, Secrets,
 * load balancers, counts of kinds kubesim does not run, an extended resource without the
 * {@code requests.} prefix, which limits nothing upstream either, the CrossNamespacePodAffinity and
 * VolumeAttributesClass scopes) is a located warning, and the key is left out.
 */
final class ResourceQuotaReader {
    /** Keys kubesim charges: pod compute resources and counts, and counts of the objects it runs. */
    private static final Set<String> TRACKED = Set.of("pods", "count/pods", "cpu", "memory", "requests.cpu",
            "requests.memory", "limits.cpu", "limits.memory", "ephemeral-storage", "requests.ephemeral-storage",
            "limits.ephemeral-storage", "services", "count/services", "count/deployments.apps",
            "count/replicasets.apps");
    /** Standard quota resource names the API server accepts but kubesim does not track. */
    private static final Set<String> UNTRACKED = Set.of("requests.storage", "persistentvolumeclaims",
            "services.loadbalancers", "services.nodeports", "configmaps", "secrets", "replicationcontrollers",
            "resourcequotas");
    private static final Set<String> SCOPES = Set.of(QuotaScope.TERMINATING, QuotaScope.NOT_TERMINATING,
            QuotaScope.BEST_EFFORT, QuotaScope.NOT_BEST_EFFORT, QuotaScope.PRIORITY_CLASS,
            "CrossNamespacePodAffinity", "VolumeAttributesClass");
    private static final Set<String> MODELLED_SCOPES = Set.of(QuotaScope.TERMINATING, QuotaScope.NOT_TERMINATING,
            QuotaScope.BEST_EFFORT, QuotaScope.NOT_BEST_EFFORT, QuotaScope.PRIORITY_CLASS);
    private static final Set<String> POD_COMPUTE = Set.of("cpu", "memory", "ephemeral-storage", "limits.cpu",
            "limits.memory", "limits.ephemeral-storage");
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private ResourceQuotaReader() {
    }

    static Manifest.ResourceQuotaManifest read(ObjectContext ctx, ResourceQuota quota, ObjectMetaReader.Meta meta) {
        ResourceQuotaSpec spec = quota.getSpec();
        Map<String, Long> hard = new TreeMap<>();
        List<QuotaScope> scopes = new ArrayList<>();
        if (spec != null && spec.getHard() != null) {
            for (String key : new TreeMap<>(spec.getHard()).keySet()) {
                String p = Pointers.child("/spec/hard", key);
                Long amount = amount(ctx, p, key, meta.name());
                if (amount != null) {
                    hard.put(key, amount);
                }
            }
        }
        if (spec != null && spec.getScopes() != null) {
            for (int i = 0; i < spec.getScopes().size(); i++) {
                String s = spec.getScopes().get(i);
                String p = "/spec/scopes/" + i;
                if (s.equals(QuotaScope.PRIORITY_CLASS)) {
                    scopes.add(QuotaScope.exists(s));
                } else {
                    scopes.add(scope(ctx, p, s, "Exists", List.of()));
                }
            }
        }
        if (spec != null && spec.getScopeSelector() != null && spec.getScopeSelector().getMatchExpressions() != null) {
            List<ScopedResourceSelectorRequirement> exprs = spec.getScopeSelector().getMatchExpressions();
            for (int i = 0; i < exprs.size(); i++) {
                ScopedResourceSelectorRequirement r = exprs.get(i);
                String p = "/spec/scopeSelector/matchExpressions/" + i;
                scopes.add(scope(ctx, p + "/scopeName", r.getScopeName(), operator(ctx, p, r), r.getValues()));
            }
        }
        if (spec != null && spec.getScopes() != null) {
            validateScopes(ctx, spec);
        }
        return new Manifest.ResourceQuotaManifest(meta.namespace(), meta.name(), hard, scopes, ctx.origin());
    }

    /** The amount in kubesim's units, or null for a key the API server accepts and kubesim does not track. */
    private static Long amount(ObjectContext ctx, String p, String key, String quotaName) {
        boolean extended = key.contains("/") && !key.startsWith("count/") && !key.contains(".storageclass.storage.k8s.io/");
        boolean hugepages = key.startsWith("hugepages-") || key.startsWith("requests.hugepages-")
                || key.startsWith("limits.hugepages-");
        if (!TRACKED.contains(key) && !UNTRACKED.contains(key) && !key.contains("/") && !hugepages) {
            throw ctx.errorAtKey(p, "\"" + key + "\" is not a resource a ResourceQuota "
                    + "can limit: expected one of pods, cpu, memory, requests.cpu, requests.memory, limits.cpu, "
                    + "limits.memory, ephemeral-storage, services, count/<resource>.<group>, requests.<extended resource>, "
                    + "or a storage, ConfigMap, Secret or load-balancer count");
        }
        BigDecimal value = ctx.node(p).isNull() ? BigDecimal.ZERO : Quantities.parse(ctx.node(p).asText());
        if (value.signum() < 0) {
            throw ctx.error(p, "must be greater than or equal to 0, got " + ctx.node(p).asText());
        }
        boolean count = key.equals("pods") || key.startsWith("count/") || key.equals("services") || UNTRACKED.contains(key)
                && !key.equals("requests.storage");
        // IsIntegerResourceName: object counts and every extended resource name.
        if ((count || extended) && !Quantities.isInteger(value)) {
            throw ctx.error(p, "must be an integer, got " + ctx.node(p).asText());
        }
        if (extended && !key.startsWith("requests.")) {
            // ValidateResourceQuotaResourceName checks only names without '/', so the API server
            // accepts the key; the pod evaluator charges extended resources only as requests.<name>.
            ctx.warn(p, "ResourceQuota \"" + quotaName + "\": " + key + " limits nothing (pods are charged for an "
                    + "extended resource only as requests." + key + "); the key is ignored");
            return null;
        }
        if (!TRACKED.contains(key) && !(extended && key.startsWith("requests.")) && !hugepages) {
            ctx.warn(p, "ResourceQuota \"" + quotaName + "\": kubesim does not track "
                    + key + " (no such objects are simulated); the key is ignored");
            return null;
        }
        try {
            return io.kubesim.api.QuantityFormat.isMilli(key) ? Quantities.milliValue(value) : Quantities.value(value);
        } catch (IllegalArgumentException e) {
            throw ctx.error(p, "resource quantity \"" + ctx.node(p).asText() + "\" is too large");
        }
    }

    /**
     * validateResourceQuotaScopes: BestEffort limits only pod counts, the other pod scopes only pod
     * resources; BestEffort with NotBestEffort, and Terminating with NotTerminating, conflict.
     */
    private static void validateScopes(ObjectContext ctx, ResourceQuotaSpec spec) {
        Set<String> given = new java.util.HashSet<>(spec.getScopes());
        if (given.contains(QuotaScope.BEST_EFFORT) && given.contains(QuotaScope.NOT_BEST_EFFORT)
                || given.contains(QuotaScope.TERMINATING) && given.contains(QuotaScope.NOT_TERMINATING)) {
            throw ctx.error("/spec/scopes", "conflicting scopes " + spec.getScopes());
        }
        if (spec.getHard() == null) {
            return;
        }
        for (String scope : spec.getScopes()) {
            if (!MODELLED_SCOPES.contains(scope)) {
                continue;
            }
            for (String key : new java.util.TreeSet<>(spec.getHard().keySet())) {
                boolean podCount = key.equals("pods") || key.equals("count/pods");
                boolean podResource = podCount || POD_COMPUTE.contains(key) || key.startsWith("requests.")
                        && !key.equals("requests.storage") || key.startsWith("hugepages-");
                boolean valid = scope.equals(QuotaScope.BEST_EFFORT) ? podCount : podResource;
                if (!valid) {
                    throw ctx.error("/spec/scopes", "unsupported scope " + scope + " applied to resource " + key
                            + (scope.equals(QuotaScope.BEST_EFFORT) ? " (a BestEffort quota can limit only pods)" : ""));
                }
            }
        }
    }

    private static String operator(ObjectContext ctx, String p, ScopedResourceSelectorRequirement r) {
        String op = r.getOperator();
        if (op == null || !OPERATORS.contains(op)) {
            throw ctx.error(p + "/operator", "expected operator In, NotIn, Exists or DoesNotExist, got "
                    + (op == null ? "nothing" : "\"" + op + "\""));
        }
        boolean hasValues = r.getValues() != null && !r.getValues().isEmpty();
        if ((op.equals("In") || op.equals("NotIn")) && !hasValues) {
            throw ctx.errorAtKey(p, "operator " + op + " needs values");
        }
        if ((op.equals("Exists") || op.equals("DoesNotExist")) && hasValues) {
            throw ctx.error(p + "/values", "operator " + op + " takes no values");
        }
        if (!QuotaScope.PRIORITY_CLASS.equals(r.getScopeName()) && !op.equals("Exists")) {
            throw ctx.error(p + "/operator", "scope " + r.getScopeName() + " takes only the Exists operator, got " + op);
        }
        return op;
    }

    private static QuotaScope scope(ObjectContext ctx, String p, String name, String operator, List<String> values) {
        if (name == null || !SCOPES.contains(name)) {
            throw ctx.error(p, "unsupported scope " + (name == null ? "(none)" : "\"" + name + "\"")
                    + ": expected one of " + new java.util.TreeSet<>(SCOPES));
        }
        if (!MODELLED_SCOPES.contains(name)) {
            ctx.warn(p, "ResourceQuota scope " + name + " is not modelled: kubesim treats the quota as matching no pod");
        }
        return new QuotaScope(name, operator, values == null ? List.of() : values);
    }
}
