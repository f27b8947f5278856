package io.kubesim.controllers.rollout;

import io.kubesim.api.AnalysisMeasure;

/** Where AnalysisRuns read their measurements: the run's own traffic (k8s-semantics.md 20.6). */
@FunctionalInterface
public interface RolloutMeasures {
    /** Without traffic: no data, as a query over series that do not exist (NaN). */
    RolloutMeasures NONE = (m, ns, c, s, now, w) -> new double[] {Double.NaN};

    /**
     * @param canary the canary ReplicaSet's name ("" when none)
     * @param stable the stable ReplicaSet's name ("" when none)
     * @return the value as a Prometheus query returns it: one element; NaN without requests (0/0)
     */
    double[] measure(AnalysisMeasure measure, String namespace, String canary, String stable, long now,
                     long windowMicros);
}
