package io.kubesim.cluster;

import io.kubesim.api.Container;
import io.kubesim.api.LimitRangeItem;
import io.kubesim.api.PodSpec;
import io.kubesim.api.QuantityFormat;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The LimitRanger admission plugin for pods (k8s-semantics.md 15.2, plugin/pkg/admission/limitranger):
 * {@link #applyDefaults} is its mutating half (a {@code Container} item's {@code default} and
 * {@code defaultRequest} fill the limits and requests a container, or init container, leaves
 * unset), {@link #validate} its validating half ({@code min}, {@code max} and
 * {@code maxLimitRequestRatio} per container and, for a {@code Pod} item, over the pod).
 *
 * <p>Upstream walks the resources of each item in Go map order, so the order of several messages
 * varies between API servers; kubesim walks them sorted by name.
 */
public final class LimitRanger {
    public static final String ANNOTATION = "kubernetes.io/limit-ranger";

    private LimitRanger() {
    }

    /** A spec with the defaults of the namespace's LimitRanges applied, and the annotation text (or null). */
    public record Defaulted(PodSpec spec, String annotation) {
    }

    /** mergePodResourceRequirements: later LimitRanges' defaults win where several set the same key. */
    public static Defaulted applyDefaults(PodSpec spec, List<LimitRange> ranges) {
        Resources defaultLimits = Resources.NONE;
        Resources defaultRequests = Resources.NONE;
        for (LimitRange lr : ranges) {
            for (LimitRangeItem item : lr.limits()) {
                if (item.type().equals(LimitRangeItem.CONTAINER)) {
                    defaultRequests = overlay(defaultRequests, item.defaultRequest());
                    defaultLimits = overlay(defaultLimits, item.defaultLimit());
                }
            }
        }
        if (defaultLimits.isEmpty() && defaultRequests.isEmpty()) {
            return new Defaulted(spec, null);
        }
        List<String> notes = new ArrayList<>();
        List<Container> containers = merge(spec.containers(), defaultRequests, defaultLimits, "container", notes);
        List<Container> init = merge(spec.initContainers(), defaultRequests, defaultLimits, "init container", notes);
        String annotation = notes.isEmpty() ? null : "LimitRanger plugin set: " + String.join("; ", notes);
        return new Defaulted(spec.withContainers(containers).withInitContainers(init), annotation);
    }

    private static List<Container> merge(List<Container> in, Resources defRequests, Resources defLimits,
                                         String prefix, List<String> notes) {
        List<Container> out = new ArrayList<>(in.size());
        for (Container c : in) {
            List<String> setLimits = new ArrayList<>();
            List<String> setRequests = new ArrayList<>();
            Resources limits = fill(c.limits(), defLimits, setLimits);
            Resources requests = fill(c.requests(), defRequests, setRequests);
            if (!setRequests.isEmpty()) {
                notes.add(String.join(", ", setRequests) + " request for " + prefix + " " + c.name());
            }
            if (!setLimits.isEmpty()) {
                notes.add(String.join(", ", setLimits) + " limit for " + prefix + " " + c.name());
            }
            out.add(setLimits.isEmpty() && setRequests.isEmpty() ? c : c.withResources(requests, limits));
        }
        return out;
    }

    /** {@code have} plus every resource of {@code defaults} it does not set; names what it added. */
    private static Resources fill(Resources have, Resources defaults, List<String> added) {
        Resources.Builder b = null;
        for (String r : defaults.names()) {
            if (!have.has(r)) {
                if (b == null) {
                    b = builderOf(have);
                }
                b.set(r, defaults.get(r));
                added.add(r);
            }
        }
        return b == null ? have : b.build();
    }

    private static Resources overlay(Resources base, Resources top) {
        if (top.isEmpty()) {
            return base;
        }
        Resources.Builder b = builderOf(base);
        for (String r : top.names()) {
            b.set(r, top.get(r));
        }
        return b.build();
    }

    private static Resources.Builder builderOf(Resources r) {
        Resources.Builder b = Resources.builder();
        for (String n : r.names()) {
            b.set(n, r.get(n));
        }
        return b;
    }

    /**
     * PodValidateLimitFunc: every violation of every LimitRange, as upstream words them, or an
     * empty list. {@link #aggregate} joins them as the API server's error does.
     */
    public static List<String> validate(PodSpec spec, List<LimitRange> ranges) {
        List<String> errs = new ArrayList<>();
        for (LimitRange lr : ranges) {
            for (LimitRangeItem item : lr.limits()) {
                if (item.type().equals(LimitRangeItem.CONTAINER)) {
                    for (Container c : spec.containers()) {
                        check(item, c.requests(), c.limits(), errs);
                    }
                    for (Container c : spec.initContainers()) {
                        check(item, c.requests(), c.limits(), errs);
                    }
                } else if (item.type().equals(LimitRangeItem.POD)) {
                    check(item, podTotal(spec, true), podTotal(spec, false), errs);
                }
            }
        }
        return errs;
    }

    /**
     * utilerrors.NewAggregate(...).Error(): one message as it is, several de-duplicated inside
     * brackets, e.g. {@code [a, b]}.
     */
    public static String aggregate(List<String> errs) {
        if (errs.size() == 1) {
            return errs.get(0);
        }
        Set<String> seen = new LinkedHashSet<>(errs);
        return seen.size() == 1 ? seen.iterator().next() : "[" + String.join(", ", seen) + "]";
    }

    private static void check(LimitRangeItem item, Resources requests, Resources limits, List<String> errs) {
        String type = item.type();
        for (String r : item.min().names()) {
            long enforced = item.min().get(r);
            String e = QuantityFormat.of(r, enforced);
            if (!requests.has(r)) {
                errs.add("minimum " + r + " usage per " + type + " is " + e + ".  No request is specified.");
            } else if (requests.get(r) < enforced) {
                errs.add("minimum " + r + " usage per " + type + " is " + e + ", but request is "
                        + QuantityFormat.of(r, requests.get(r)) + ".");
            } else if (limits.has(r) && limits.get(r) < enforced) {
                errs.add("minimum " + r + " usage per " + type + " is " + e + ", but limit is "
                        + QuantityFormat.of(r, limits.get(r)) + ".");
            }
        }
        for (String r : item.max().names()) {
            long enforced = item.max().get(r);
            String e = QuantityFormat.of(r, enforced);
            if (!limits.has(r)) {
                errs.add("maximum " + r + " usage per " + type + " is " + e + ".  No limit is specified.");
            } else if (limits.get(r) > enforced) {
                errs.add("maximum " + r + " usage per " + type + " is " + e + ", but limit is "
                        + QuantityFormat.of(r, limits.get(r)) + ".");
            } else if (requests.has(r) && requests.get(r) > enforced) {
                errs.add("maximum " + r + " usage per " + type + " is " + e + ", but request is "
                        + QuantityFormat.of(r, requests.get(r)) + ".");
            }
        }
        for (Map.Entry<String, Long> ratio : item.maxLimitRequestRatio().entrySet()) {
            String r = ratio.getKey();
            String e = QuantityFormat.milli(ratio.getValue());
            if (!requests.has(r) || requests.get(r) == 0) {
                errs.add(r + " max limit to request ratio per " + type + " is " + e
                        + ", but no request is specified or request is 0.");
            } else if (!limits.has(r) || limits.get(r) == 0) {
                errs.add(r + " max limit to request ratio per " + type + " is " + e
                        + ", but no limit is specified or limit is 0.");
            } else {
                double observed = (double) limits.get(r) / (double) requests.get(r);
                if (observed * 1000 > ratio.getValue()) {
                    errs.add(r + " max limit to request ratio per " + type + " is " + e + ", but provided ratio is "
                            + String.format(Locale.ROOT, "%f", observed) + ".");
                }
            }
        }
    }

    /**
     * The pod's requests or limits for a {@code Pod} item: a resource summed over the app
     * containers only when every one of them sets it, then the max with each init container.
     */
    private static Resources podTotal(PodSpec spec, boolean requests) {
        Set<String> names = new java.util.TreeSet<>();
        for (Container c : spec.containers()) {
            names.addAll((requests ? c.requests() : c.limits()).names());
        }
        Map<String, Long> total = new java.util.TreeMap<>();
        for (String n : names) {
            long sum = 0;
            boolean all = true;
            for (Container c : spec.containers()) {
                Resources r = requests ? c.requests() : c.limits();
                if (r.has(n)) {
                    sum += r.get(n);
                } else {
                    all = false;
                }
            }
            if (all) {
                total.put(n, sum);
            }
        }
        for (Container c : spec.initContainers()) {
            Resources r = requests ? c.requests() : c.limits();
            for (String n : r.names()) {
                total.merge(n, r.get(n), Math::max);
            }
        }
        Resources.Builder b = Resources.builder();
        total.forEach(b::set);
        return b.build();
    }
}
