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
import java.util.List;

/**
 * One profile's plugins in upstream order and the loops that run them (upstream
 * frameworkImpl): PreFilter, Filter stopping at the first failure on a node, Filter with
 * nominated pods, PreScore, Score with NormalizeScore and weights.
 */
final class SchedulingFramework implements FilterRunner {
    private static final CycleState.Key<boolean[]> SKIPPED_FILTERS = new CycleState.Key<>("SkippedFilters");

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
        state.put(SKIPPED_FILTERS, skipped);
        for (PreFilterPlugin p : preFilters) {
            Status s = p.preFilter(state, pod);
            if (s.isSkip()) {
                int i = filters.indexOf(p);
                if (i >= 0) {
                    skipped[i] = true;
                }
            } else if (!s.isSuccess()) {
                return s;
            }
        }
        return Status.SUCCESS;
    }

    @Override
    public void addPod(CycleState state, PodInfo pod, PodInfo added, NodeInfo node) {
        boolean[] skipped = state.get(SKIPPED_FILTERS);
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i) instanceof PreFilterExtensions ext && (skipped == null || !skipped[i])) {
                ext.addPod(state, pod, added, node);
            }
        }
    }

    @Override
    public void removePod(CycleState state, PodInfo pod, PodInfo removed, NodeInfo node) {
        boolean[] skipped = state.get(SKIPPED_FILTERS);
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i) instanceof PreFilterExtensions ext && (skipped == null || !skipped[i])) {
                ext.removePod(state, pod, removed, node);
            }
        }
    }

    /** The Filter plugins in order, stopping at the first that rejects. */
    Status runFilterPlugins(CycleState state, PodInfo pod, NodeInfo node) {
        boolean[] skipped = state.get(SKIPPED_FILTERS);
        for (int i = 0; i < filters.size(); i++) {
            if (skipped != null && skipped[i]) {
                continue;
            }
            Status s = filters.get(i).filter(state, pod, node);
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
     * [scorer][node]; a skipped scorer leaves its rows 0 and is marked in {@code skipped}.
     * Returns the weighted totals per node.
     */
    long[] score(CycleState state, PodInfo pod, List<NodeInfo> feasible, long[][] raw, long[][] normalized,
                 boolean[] skipped) {
        long[] totals = new long[feasible.size()];
        for (int j = 0; j < scorers.size(); j++) {
            ScorePlugin sp = scorers.get(j);
            if (sp instanceof PreScorePlugin pre && pre.preScore(state, pod, feasible).isSkip()) {
                skipped[j] = true;
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
        return totals;
    }
}
