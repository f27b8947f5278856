package io.kubesim.sim;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.controllers.rollout.RolloutMeasures;
import io.kubesim.traffic.VersionMeter;

/**
 * AnalysisRuns' measurements from the run's own traffic (k8s-semantics.md 20.6): the canary's or
 * stable's ReplicaSet, or a Service, over the measure's window, read from the traffic ledger's
 * {@link VersionMeter}. The meter is attached once the traffic model exists; before that, and
 * without traffic, every value is NaN (no data).
 */
final class AnalysisMeasurements implements RolloutMeasures {
    private VersionMeter meter;

    void attach(VersionMeter m) {
        this.meter = m;
    }

    @Override
    public double[] measure(AnalysisMeasure m, String namespace, String canary, String stable, long now,
                            long windowMicros) {
        if (meter == null) {
            return new double[] {Double.NaN};
        }
        VersionMeter.Stats s;
        if (m.of().startsWith(AnalysisMeasure.SERVICE_PREFIX)) {
            s = meter.service(namespace + "/" + m.of().substring(AnalysisMeasure.SERVICE_PREFIX.length()), now,
                    windowMicros);
        } else {
            String rs = m.of().equals(AnalysisMeasure.STABLE) ? stable : canary;
            s = rs.isEmpty() ? null : meter.replicaSet(namespace, rs, now, windowMicros);
        }
        if (s == null) {
            return new double[] {Double.NaN};
        }
        double v = switch (m.kind()) {
            case ERROR_RATIO -> s.failed() / s.requests();
            case SUCCESS_RATIO -> (s.requests() - s.failed()) / s.requests();
            case REQUEST_RATE -> s.requests() / (windowMicros / 1e6);
            case LATENCY -> s.latencyQuantile(m.quantile()) / (m.seconds() ? 1e6 : 1e3);
        };
        return new double[] {v};
    }
}
