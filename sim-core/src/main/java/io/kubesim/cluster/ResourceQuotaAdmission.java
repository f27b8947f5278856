package io.kubesim.cluster;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.QuantityFormat;
import io.kubesim.api.QuotaScope;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ResourceQuota admission plugin for pod creation (k8s-semantics.md 15.1, apiserver
 * resourcequota/controller.go checkRequest with the pod evaluator of pkg/quota/v1/evaluator/core):
 * for every quota of the namespace whose hard keys cover a pod resource and whose scopes match
 * the pod, first the "must specify" constraint, then {@code used + requested <= hard} on the
 * keys the pod adds. A pod admitted is charged to every matching quota at once; a refused pod
 * charges nothing. Quotas are checked in name order and the first refusal is reported.
 */
public final class ResourceQuotaAdmission {
    /** The keys whose presence makes every container state the matching request or limit. */
    private static final Set<String> CONSTRAINED = Set.of("cpu", "memory", "requests.cpu", "requests.memory",
            "limits.cpu", "limits.memory");

    private final ClusterStore store;

    public ResourceQuotaAdmission(ClusterStore store) {
        this.store = store;
    }

    /**
     * Checks the pod against the namespace's quotas and charges it.
     *
     * @throws AdmissionException with the API server's 403 message when a quota refuses it
     */
    public void admit(String namespace, String podName, String podUid, PodSpec spec) {
        Set<ResourceQuota> all = store.resourceQuotasByNamespace().get(namespace);
        if (all.isEmpty()) {
            return;
        }
        List<ResourceQuota> quotas = new ArrayList<>(all);
        quotas.sort(java.util.Comparator.comparing(ResourceQuota::name));
        List<ResourceQuota> matching = new ArrayList<>();
        for (ResourceQuota q : quotas) {
            if (!coversPods(q) || !scopesMatch(q, spec)) {
                continue;
            }
            String missing = missingConstraints(q, spec);
            if (!missing.isEmpty()) {
                q.refused();
                throw forbidden(podName, "failed quota: " + q.name() + ": must specify " + missing);
            }
            matching.add(q);
        }
        Map<String, Long> usage = podUsage(spec);
        for (ResourceQuota q : matching) {
            Map<String, Long> requested = new TreeMap<>();
            List<String> exceeded = new ArrayList<>();
            for (Map.Entry<String, Long> e : usage.entrySet()) {
                Long hard = q.hard().get(e.getKey());
                if (hard == null) {
                    continue;
                }
                requested.put(e.getKey(), e.getValue());
                if (q.used().get(e.getKey()) + e.getValue() > hard) {
                    exceeded.add(e.getKey());
                }
            }
            if (!exceeded.isEmpty()) {
                q.refused();
                throw forbidden(podName, "exceeded quota: " + q.name() + ", requested: " + pretty(requested, exceeded)
                        + ", used: " + pretty(q.used(), exceeded) + ", limited: " + pretty(q.hard(), exceeded));
            }
        }
        for (ResourceQuota q : matching) {
            q.charge(podUid, usage);
            store.resourceQuotas().update(q);
        }
    }

    private static AdmissionException forbidden(String podName, String message) {
        return new AdmissionException("pods \"" + podName + "\" is forbidden: " + message);
    }

    /** prettyPrint: {@code key=value} of the given keys, sorted, joined by commas. */
    private static String pretty(Map<String, Long> amounts, List<String> keys) {
        StringBuilder sb = new StringBuilder();
        for (String k : new TreeSet<>(keys)) {
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(k).append('=').append(QuantityFormat.of(k, amounts.getOrDefault(k, 0L)));
        }
        return sb.toString();
    }

    /** Whether the quota constrains some pod resource (the pod evaluator's MatchingResources). */
    static boolean coversPods(ResourceQuota q) {
        for (String k : q.hard().keySet()) {
            if (isPodResource(k)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPodResource(String k) {
        return k.equals("pods") || k.equals("count/pods") || k.equals("cpu") || k.equals("memory")
                || k.equals("ephemeral-storage") || k.startsWith("hugepages-")
                || k.startsWith("requests.") && !k.equals("requests.storage")
                || k.equals("limits.cpu") || k.equals("limits.memory") || k.equals("limits.ephemeral-storage");
    }

    /** podMatchesScopeFunc for each scope term; a quota without scopes matches every pod. */
    private boolean scopesMatch(ResourceQuota q, PodSpec spec) {
        for (QuotaScope s : q.scopes()) {
            if (!scopeMatches(s, spec)) {
                return false;
            }
        }
        return true;
    }

    private boolean scopeMatches(QuotaScope s, PodSpec spec) {
        return switch (s.scopeName()) {
            case QuotaScope.BEST_EFFORT -> QosClass.of(spec) == QosClass.BEST_EFFORT;
            case QuotaScope.NOT_BEST_EFFORT -> QosClass.of(spec) != QosClass.BEST_EFFORT;
            // kubesim's pods never carry activeDeadlineSeconds, so none is Terminating.
            case QuotaScope.TERMINATING -> false;
            case QuotaScope.NOT_TERMINATING -> true;
            case QuotaScope.PRIORITY_CLASS -> priorityClassMatches(s, priorityClassName(spec));
            default -> false;
        };
    }

    /** A label selector over the one label {@code PriorityClass=<name>}, absent when the pod has no class. */
    private static boolean priorityClassMatches(QuotaScope s, String className) {
        boolean present = !className.isEmpty();
        return switch (s.operator()) {
            case "In" -> present && s.values().contains(className);
            case "NotIn" -> !present || !s.values().contains(className);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            default -> false;
        };
    }

    /** The class name as Priority admission leaves it: the pod's own, else the globalDefault class's. */
    private String priorityClassName(PodSpec spec) {
        if (!spec.priorityClassName().isEmpty()) {
            return spec.priorityClassName();
        }
        PriorityClass def = null;
        for (PriorityClass pc : store.priorityClasses().list()) {
            if (pc.globalDefault() && (def == null || pc.value() < def.value())) {
                def = pc;
            }
        }
        return def == null ? "" : def.name();
    }

    /**
     * podEvaluator.Constraints: for the constrained keys among the quota's hard keys, those some
     * container or init container does not set, sorted and joined by commas; "" when none.
     */
    static String missingConstraints(ResourceQuota q, PodSpec spec) {
        Set<String> required = new TreeSet<>();
        for (String k : q.hard().keySet()) {
            if (CONSTRAINED.contains(k)) {
                required.add(k);
            }
        }
        if (required.isEmpty()) {
            return "";
        }
        Set<String> missing = new TreeSet<>();
        List<Container> all = new ArrayList<>(spec.containers());
        all.addAll(spec.initContainers());
        for (Container c : all) {
            for (String k : required) {
                if (!containerSets(c, k)) {
                    missing.add(k);
                }
            }
        }
        return String.join(",", missing);
    }

    private static boolean containerSets(Container c, String key) {
        return switch (key) {
            case "cpu", "requests.cpu" -> c.requests().has(Resources.CPU);
            case "memory", "requests.memory" -> c.requests().has(Resources.MEMORY);
            case "limits.cpu" -> c.limits().has(Resources.CPU);
            case "limits.memory" -> c.limits().has(Resources.MEMORY);
            default -> true;
        };
    }

    /**
     * podComputeUsageHelper: {@code pods} and {@code count/pods} 1, and each request (as
     * {@code requests.<r>}, plus the bare name for cpu, memory, ephemeral-storage and hugepages)
     * and each cpu, memory and ephemeral-storage limit the pod sets, from its effective requests
     * and limits (init-container peak, sidecars, overhead).
     */
    public static Map<String, Long> podUsage(PodSpec spec) {
        Map<String, Long> usage = new TreeMap<>();
        usage.put("pods", 1L);
        usage.put("count/pods", 1L);
        Resources requests = spec.effectiveRequests();
        for (String r : requests.names()) {
            long v = requests.get(r);
            if (r.equals(Resources.CPU) || r.equals(Resources.MEMORY) || r.equals(Resources.EPHEMERAL_STORAGE)
                    || r.startsWith("hugepages-")) {
                usage.put(r, v);
            }
            usage.put("requests." + r, v);
        }
        Resources limits = effectiveLimits(spec);
        for (String r : new String[] {Resources.CPU, Resources.MEMORY, Resources.EPHEMERAL_STORAGE}) {
            if (limits.has(r)) {
                usage.put("limits." + r, limits.get(r));
            }
        }
        return usage;
    }

    /** PodLimits: as {@link PodSpec#effectiveRequests} over the limits, overhead added where a limit is set. */
    static Resources effectiveLimits(PodSpec spec) {
        Resources sum = Resources.NONE;
        for (Container c : spec.containers()) {
            sum = sum.plus(c.limits());
        }
        Resources sidecars = Resources.NONE;
        Resources initPeak = Resources.NONE;
        for (Container c : spec.initContainers()) {
            if (c.restartableInit()) {
                sidecars = sidecars.plus(c.limits());
                sum = sum.plus(c.limits());
            } else {
                initPeak = initPeak.max(sidecars.plus(c.limits()));
            }
        }
        Resources total = sum.max(initPeak);
        Resources.Builder b = Resources.builder();
        for (String r : total.names()) {
            b.set(r, total.get(r) + (spec.overhead().has(r) ? spec.overhead().get(r) : 0));
        }
        return b.build();
    }
}
