package io.kubesim.scheduler;

import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.FilterRunner;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterExtensions;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.PreScorePlugin;
import io.kubesim.scheduler.framework.ScorePlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;

/**
 * One profile's plugins in upstream order and the loops that run them (upstream
 * frameworkImpl): PreFilter, Filter stopping at the first failure on a node, Filter with
 * nominated pods, PreScore, Score with NormalizeScore and weights.
 */
final class SchedulingFramework implements FilterRunner {
    /**
     * The cycle's Filter plugins that PreFilter did not skip, in order, and those of them with
     * PreFilter extensions: the per-node loop walks only these (at 5,000 nodes it runs thousands
     * of times a cycle, and most plugins skip a plain pod).
     */
    private record ActiveFilters(FilterPlugin[] filters, PreFilterExtensions[] extensions) {
    }

    private static final CycleState.Key<ActiveFilters> ACTIVE_FILTERS = new CycleState.Key<>("ActiveFilters");

    private final List<PreFilterPlugin> preFilters;
    private final List<FilterPlugin> filters;
    private final List<ScorePlugin> scorers;
    private final int[] weights;
    private final Nominator nominator;

    SchedulingFramework(List<PreFilterPlugin> preFilters, List<FilterPlugin> filters, List<ScorePlugin> scorers,
                        int[] weights, Nominator nominator) {
        this.preFilters = List.copyOf(preFilters);
        this.filters = List.copyOf(filters);
        this.scorers = List.copyOf(scorers);
        this.weights = weights.clone();
        this.nominator = nominator;
    }

    List<ScorePlugin> scorers() {
        return scorers;
    }

    int weight(int scorer) {
        return weights[scorer];
    }

    /**
     * Runs PreFilter; a Skip disables that plugin's Filter and PreFilter extensions for the
     * cycle. Returns the first rejection.
     */
    Status runPreFilter(CycleState state, PodInfo pod) {
        boolean[] skipped = new boolean[filters.size()];
        Status result = Status.SUCCESS;
        for (PreFilterPlugin p : preFilters) {
            Status s = p.preFilter(state, pod);
            if (s.isSkip()) {
                int i = filters.indexOf(p);
                if (i >= 0) {
                    skipped[i] = true;
                }
            } else if (!s.isSuccess()) {
                result = s;
                break;
            }
        }
        List<FilterPlugin> active = new ArrayList<>(filters.size());
        List<PreFilterExtensions> extensions = new ArrayList<>();
        for (int i = 0; i < filters.size(); i++) {
            if (!skipped[i]) {
                active.add(filters.get(i));
                if (filters.get(i) instanceof PreFilterExtensions ext) {
                    extensions.add(ext);
                }
            }
        }
        state.put(ACTIVE_FILTERS, new ActiveFilters(active.toArray(new FilterPlugin[0]),
                extensions.toArray(new PreFilterExtensions[0])));
        return result;
    }

    /** The cycle's active filters; every Filter plugin when PreFilter has not run on this state. */
    private ActiveFilters active(CycleState state) {
        ActiveFilters a = state.get(ACTIVE_FILTERS);
        if (a == null) {
            List<PreFilterExtensions> extensions = new ArrayList<>();
            for (FilterPlugin f : filters) {
                if (f instanceof PreFilterExtensions ext) {
                    extensions.add(ext);
                }
            }
            a = new ActiveFilters(filters.toArray(new FilterPlugin[0]), extensions.toArray(new PreFilterExtensions[0]));
            state.put(ACTIVE_FILTERS, a);
        }
        return a;
    }

    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        for (PreFilterExtensions ext : active(state).extensions()) {
            ext.addPod(state, pod, added, node);
        }
    }

    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        for (PreFilterExtensions ext : active(state).extensions()) {
            ext.removePod(state, pod, removed, node);
        }
    }

    /** The Filter plugins in order, stopping at the first that rejects. */
    Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
        FilterPlugin[] active = active(state).filters();
        for (int i = 0; i < active.length; i++) {
            Status s = active[i].filter(state, pod, node);
            if (!s.isSuccess()) {
                return s;
            }
        }
        return Status.SUCCESS;
    }

    /**
     * upstream RunFilterPluginsWithNominatedPods: when pods of equal or higher priority are
     * nominated to the node, the node must pass both with them added (to copies of the node and
     * of the cycle state, through the PreFilter extensions) and without them.
     */
    @Override
    public Status runFilters(CycleState state, PodInfo pod, NodeInfo node) {
        if (!nominator.isEmpty()) {
            List<PodInfo> nominated = nominator.nominatedTo(node.name());
            if (!nominated.isEmpty()) {
                NodeInfo withNominated = null;
                CycleState stateWithNominated = null;
                for (PodInfo n : nominated) {
                    if (n.pod() != pod.pod() && n.priority() >= pod.priority()) {
                        if (withNominated == null) {
                            withNominated = node.copy();
                            stateWithNominated = state.copy();
                        }
                        withNominated.addPod(n);
                        addPod(stateWithNominated, pod, n, withNominated);
                    }
                }
                if (withNominated != null) {
                    Status s = runFilterPlugins(stateWithNominated, pod, withNominated);
                    if (!s.isSuccess()) {
                        return s;
                    }
                }
            }
        }
        return runFilterPlugins(state, pod, node);
    }

    /**
     * PreScore, Score and NormalizeScore for every scorer. {@code raw} and {@code normalized} are
     * [scorer][node]; a skipped scorer's rows are 0 and it is marked in {@code skipped}.
     * Writes the weighted totals per node into {@code totals} (as long as the feasible list; its
     * earlier contents are overwritten, so the caller may reuse it).
     */
    void score(CycleState state, PodInfo pod, List<NodeInfo> feasible, long[][] raw, long[][] normalized,
               boolean[] skipped, long[] totals) {
        java.util.Arrays.fill(totals, 0);
        for (int j = 0; j < scorers.size(); j++) {
            ScorePlugin sp = scorers.get(j);
            if (sp instanceof PreScorePlugin pre && pre.preScore(state, pod, feasible).isSkip()) {
                skipped[j] = true;
                java.util.Arrays.fill(normalized[j], 0); // the rows may be reused from an earlier cycle
                continue;
            }
            long[] scores = normalized[j];
            sp.scoreAll(state, pod, feasible, scores);
            if (raw != null) {
                System.arraycopy(scores, 0, raw[j], 0, scores.length);
            }
            sp.normalizeScores(state, pod, feasible, scores);
            for (int i = 0; i < feasible.size(); i++) {
                totals[i] += scores[i] * weights[j];
            }
        }
    }
}
