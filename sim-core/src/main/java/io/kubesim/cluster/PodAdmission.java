package io.kubesim.cluster;

import io.kubesim.api.PodSpec;
import io.kubesim.api.QuantityFormat;
import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * The admission plugins a pod passes on creation, in the API server's order (k8s-semantics.md 15):
 * <ul>
 *   <li>LimitRanger, mutating: the namespace's LimitRange defaults fill unset requests and
 *       limits (15.2).</li>
 *   <li>Priority: resolves {@code priorityClassName} (or the globalDefault class) to
 *       {@code spec.priority} and {@code preemptionPolicy}; an unknown class is refused.</li>
 *   <li>DefaultTolerationSeconds (k8s-semantics.md 7): adds {@code not-ready} and
 *       {@code unreachable} NoExecute tolerations with 300 s unless the pod has them.</li>
 *   <li>Validation of the pod as mutated: a request above its limit (a LimitRange default limit
 *       below an explicit request) makes it invalid.</li>
 *   <li>LimitRanger, validating: min, max and maxLimitRequestRatio (15.2).</li>
 *   <li>ResourceQuota, last: the "must specify" constraint, then the hard limits; an admitted pod
 *       is charged to the quotas (15.1).</li>
 * </ul>
 */
public final class PodAdmission {
    public static final String TAINT_NOT_READY = "node.kubernetes.io/not-ready";
    public static final String TAINT_UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final long DEFAULT_TOLERATION_SECONDS = 300;

    private final ClusterStore store;
    private final ResourceQuotaAdmission quotas;

    public PodAdmission(ClusterStore store) {
        this.store = store;
        this.quotas = new ResourceQuotaAdmission(store);
    }

    /** Admits and stores the pod; throws {@link AdmissionException} when refused. */
    public Pod create(Pod pod) {
        ObjectMeta meta = pod.metadata();
        List<LimitRange> ranges = new ArrayList<>(store.limitRangesByNamespace().get(meta.namespace()));
        PodSpec spec = pod.spec();
        if (!ranges.isEmpty()) {
            LimitRanger.Defaulted d = LimitRanger.applyDefaults(spec, ranges);
            spec = d.spec();
            if (d.annotation() != null) {
                meta.putAnnotation(LimitRanger.ANNOTATION, d.annotation());
            }
        }
        spec = admit(spec);
        if (!ranges.isEmpty()) {
            List<String> invalid = requestsAboveLimits(spec);
            if (!invalid.isEmpty()) {
                throw new AdmissionException("Pod \"" + meta.name() + "\" is invalid: " + LimitRanger.aggregate(invalid));
            }
            List<String> errs = LimitRanger.validate(spec, ranges);
            if (!errs.isEmpty()) {
                throw new AdmissionException("pods \"" + meta.name() + "\" is forbidden: " + LimitRanger.aggregate(errs));
            }
        }
        quotas.admit(meta.namespace(), meta.name(), meta.uid(), spec);
        pod.setSpec(spec);
        return store.pods().create(pod);
    }

    /**
     * ValidateResourceRequirements, which the API server runs on the pod after mutating admission
     * (k8s-semantics.md 15): a request above its limit is invalid. The loader refuses such a
     * manifest already; after LimitRanger it happens when a LimitRange's {@code default} limit is
     * below a request the container sets. App containers first, then init containers, resources
     * sorted by name.
     */
    static List<String> requestsAboveLimits(PodSpec spec) {
        List<String> errs = new ArrayList<>();
        requestsAboveLimits(spec.containers(), "spec.containers", errs);
        requestsAboveLimits(spec.initContainers(), "spec.initContainers", errs);
        return errs;
    }

    private static void requestsAboveLimits(List<io.kubesim.api.Container> containers, String path, List<String> errs) {
        for (int i = 0; i < containers.size(); i++) {
            io.kubesim.api.Container c = containers.get(i);
            for (String r : c.requests().names()) {
                if (c.limits().has(r) && c.requests().get(r) > c.limits().get(r)) {
                    errs.add(path + "[" + i + "].resources.requests: Invalid value: \""
                            + QuantityFormat.of(r, c.requests().get(r)) + "\": must be less than or equal to " + r
                            + " limit of " + QuantityFormat.of(r, c.limits().get(r)));
                }
            }
        }
    }

    /** The spec as admission leaves it. */
    public PodSpec admit(PodSpec spec) {
        PodSpec s = spec;
        if (s.priority() == null) {
            s = resolvePriority(s);
        }
        return s.withTolerations(withDefaultTolerations(s.tolerations()));
    }

    private PodSpec resolvePriority(PodSpec s) {
        String name = s.priorityClassName();
        if (!name.isEmpty()) {
            PriorityClass pc = store.priorityClasses().get(name);
            if (pc == null) {
                if (name.equals("system-cluster-critical")) {
                    return withPolicy(s, PriorityClass.SYSTEM_CRITICAL_PRIORITY, false);
                }
                if (name.equals("system-node-critical")) {
                    return withPolicy(s, PriorityClass.SYSTEM_CRITICAL_PRIORITY + 1000, false);
                }
                throw new AdmissionException("pods is forbidden: no PriorityClass with name " + name + " was found");
            }
            return withPolicy(s, pc.value(), pc.preemptNever());
        }
        // upstream getDefaultPriorityClass: the lowest value wins if several classes are globalDefault.
        PriorityClass def = null;
        for (PriorityClass pc : store.priorityClasses().list()) {
            if (pc.globalDefault() && (def == null || pc.value() < def.value())) {
                def = pc;
            }
        }
        return def == null ? withPolicy(s, 0, false) : withPolicy(s, def.value(), def.preemptNever());
    }

    /**
     * upstream priority admission: the class decides preemptionPolicy (PreemptLowerPriority when
     * it names none, and without a class); a pod that sets a different one is refused. kubesim
     * sees only an explicit {@code Never} on the pod, so that is the case it refuses.
     */
    private static PodSpec withPolicy(PodSpec s, int priority, boolean classNever) {
        if (s.preemptNever() && !classNever) {
            throw new AdmissionException("pods is forbidden: the string value of PreemptionPolicy (Never) must not be "
                    + "provided in pod spec; priority admission controller computed PreemptLowerPriority from the "
                    + "given PriorityClass name");
        }
        return s.withPriority(priority, classNever);
    }

    static List<Toleration> withDefaultTolerations(List<Toleration> tolerations) {
        boolean notReady = false;
        boolean unreachable = false;
        for (Toleration t : tolerations) {
            if (t.effect() == null || t.effect() == TaintEffect.NO_EXECUTE) {
                if (t.key().isEmpty() && t.exists()) {
                    notReady = true;
                    unreachable = true;
                }
                if (t.key().equals(TAINT_NOT_READY)) {
                    notReady = true;
                }
                if (t.key().equals(TAINT_UNREACHABLE)) {
                    unreachable = true;
                }
            }
        }
        if (notReady && unreachable) {
            return tolerations;
        }
        List<Toleration> out = new ArrayList<>(tolerations);
        if (!notReady) {
            out.add(new Toleration(TAINT_NOT_READY, true, "", TaintEffect.NO_EXECUTE, DEFAULT_TOLERATION_SECONDS));
        }
        if (!unreachable) {
            out.add(new Toleration(TAINT_UNREACHABLE, true, "", TaintEffect.NO_EXECUTE, DEFAULT_TOLERATION_SECONDS));
        }
        return out;
    }
}
