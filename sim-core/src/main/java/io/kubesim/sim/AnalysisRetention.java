package io.kubesim.sim;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.Manifest;

/** How far back analyses look: the longest measure window, or metric interval, of the scenario (at least 60 s). */
final class AnalysisRetention {
    private AnalysisRetention() {
    }

    static long seconds(SimulationSpec spec) {
        long longest = AnalysisMeasure.DEFAULT_WINDOW_SECONDS;
        for (AnalysisMeasure m : spec.analysis()) {
            if (m.windowSeconds() != null) {
                longest = Math.max(longest, m.windowSeconds());
            }
        }
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.AnalysisTemplateManifest t) {
                for (AnalysisMetric metric : t.metrics()) {
                    if (metric.intervalSeconds() != null) {
                        longest = Math.max(longest, metric.intervalSeconds());
                    }
                }
            }
        }
        return longest;
    }
}
