package io.kubesim.autoscaler;

import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * Plans one scale-up (k8s-semantics.md section 8): for each node group with room below its max,
 * the binpacking estimate of how many template nodes the pending pods need; then the expander
 * picks one option. {@code least-waste} (upstream's leastwaste expander) picks the option whose
 * new nodes would have the least idle cpu plus memory fraction, ties broken at random;
 * {@code random} (the upstream default) picks any option.
 */
public final class ScaleUpPlanner {
    private final TemplateNodeFilter filter;
    private final BinpackingEstimator estimator;
    private final String expander;
    private final IntUnaryOperator random;
    private final TemplateNodeInfos templates;

    /** @param random returns a number in [0, bound) from a seeded stream */
    public ScaleUpPlanner(TemplateNodeFilter filter, String expander, IntUnaryOperator random) {
        this(filter, expander, random, TemplateNodeInfos.EMPTY);
    }

    /** @param templates each group's template node with the pods it starts with */
    public ScaleUpPlanner(TemplateNodeFilter filter, String expander, IntUnaryOperator random,
                          TemplateNodeInfos templates) {
        this.filter = filter;
        this.estimator = new BinpackingEstimator(filter);
        this.expander = expander;
        this.random = random;
        this.templates = templates;
    }

    /** One group's option: how many nodes to add and which pending pods they would take. */
    public record Option(NodeGroup group, int nodes, List<PodInfo> pods) {
    }

    /**
     * The plan: the chosen option (null when no group can help) and the pending pods that no
     * group's template would take (upstream NotTriggerScaleUp).
     */
    public record Plan(Option chosen, List<PodInfo> noGroupFits) {
    }

    /**
     * @param groups      in a fixed order
     * @param targetSizes each group's current target size, same order
     */
    public Plan plan(List<PodInfo> pending, List<NodeGroup> groups, int[] targetSizes) {
        List<Option> options = new ArrayList<>();
        boolean[] fitsSome = new boolean[pending.size()];
        for (int g = 0; g < groups.size(); g++) {
            NodeGroup group = groups.get(g);
            NodeInfo empty = templates.of(group);
            List<PodInfo> fitting = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                if (filter.fits(pending.get(i), empty)) {
                    fitsSome[i] = true;
                    fitting.add(pending.get(i));
                }
            }
            int room = group.maxSize() - targetSizes[g];
            if (fitting.isEmpty() || room <= 0) {
                continue; // section 8: never above the group's max
            }
            BinpackingEstimator.Estimate e = estimator.estimate(fitting, empty, room);
            if (e.nodes() > 0) {
                options.add(new Option(group, e.nodes(), e.placed()));
            }
        }
        List<PodInfo> noGroup = new ArrayList<>();
        for (int i = 0; i < pending.size(); i++) {
            if (!fitsSome[i]) {
                noGroup.add(pending.get(i));
            }
        }
        return new Plan(choose(options), noGroup);
    }

    private Option choose(List<Option> options) {
        if (options.isEmpty()) {
            return null;
        }
        if (ClusterAutoscalerConfig.LEAST_WASTE.equals(expander)) {
            List<Option> best = new ArrayList<>();
            double bestWaste = Double.MAX_VALUE;
            for (Option o : options) {
                double w = waste(o);
                if (w < bestWaste - 1e-12) {
                    best.clear();
                    bestWaste = w;
                }
                if (Math.abs(w - bestWaste) <= 1e-12) {
                    best.add(o);
                }
            }
            options = best;
        }
        return options.size() == 1 ? options.get(0) : options.get(random.applyAsInt(options.size()));
    }

    /** upstream leastwaste: (idle cpu / added cpu) + (idle memory / added memory). */
    static double waste(Option o) {
        long cpu = o.group().template().allocatable().cpuMillis() * (long) o.nodes();
        long mem = o.group().template().allocatable().memoryBytes() * (long) o.nodes();
        long reqCpu = 0;
        long reqMem = 0;
        for (PodInfo p : o.pods()) {
            reqCpu += p.cpu();
            reqMem += p.memory();
        }
        double wc = cpu > 0 ? (double) (cpu - reqCpu) / cpu : 0;
        double wm = mem > 0 ? (double) (mem - reqMem) / mem : 0;
        return wc + wm;
    }
}
