package io.kubesim.controllers.rollout;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.controllers.rollout.analysis.ConditionExpression;
import io.kubesim.engine.ScheduledEvent;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * An AnalysisRun (k8s-semantics.md 20.6): its metrics measured at their interval, each
 * measurement judged by the success and failure conditions, each metric's phase from its counts
 * against failureLimit, inconclusiveLimit and consecutiveErrorLimit, and the run's phase the worst
 * of its metrics'. The run calls back when its phase changes.
 */
final class AnalysisRun {
    /** AnalysisPhase. */
    enum Phase {
        RUNNING, SUCCESSFUL, INCONCLUSIVE, ERROR, FAILED;

        boolean completed() {
            return this != RUNNING;
        }

        String written() {
            String s = name().toLowerCase(Locale.ROOT);
            return Character.toUpperCase(s.charAt(0)) + s.substring(1);
        }
    }

    /** What a measurement reads: a metric's value now, as a vector ({@code result}). */
    interface Source {
        double[] measure(AnalysisMeasure measure, long windowMicros);
    }

    /** A metric with what it is mapped to (null: kubesim cannot run it, every measurement Successful). */
    record Metric(AnalysisMetric metric, AnalysisMeasure measure) {
    }

    private final String name;
    private final Simulation sim;
    private final Runnable changed;
    private final List<MetricRun> metrics = new ArrayList<>();
    private Phase phase = Phase.RUNNING;
    private String message = "";
    private boolean terminated;

    AnalysisRun(String name, Simulation sim, List<Metric> metrics, Source source, Runnable changed) {
        this.name = name;
        this.sim = sim;
        this.changed = changed;
        for (Metric m : metrics) {
            this.metrics.add(new MetricRun(m, source));
        }
        if (this.metrics.isEmpty()) {
            phase = Phase.SUCCESSFUL;
        }
        for (MetricRun m : this.metrics) {
            m.schedule(SimTime.seconds(m.metric.metric().initialDelaySeconds()));
        }
    }

    String name() {
        return name;
    }

    Phase phase() {
        return phase;
    }

    /** Why the run ended as it did ("Metric \"error-rate\" assessed Failed due to failed (1) > failureLimit (0)"). */
    String message() {
        return message;
    }

    /** Stops every metric; a run still running counts as Successful (background analysis at promotion). */
    void terminate() {
        if (terminated) {
            return;
        }
        terminated = true;
        for (MetricRun m : metrics) {
            m.cancel();
        }
        if (phase == Phase.RUNNING) {
            phase = Phase.SUCCESSFUL;
        }
    }

    private void assess() {
        Phase worst = Phase.SUCCESSFUL;
        boolean running = false;
        String why = "";
        for (MetricRun m : metrics) {
            if (m.phase == Phase.RUNNING) {
                running = true;
            } else if (m.phase.ordinal() > worst.ordinal()) {
                worst = m.phase;
                why = m.reason;
            }
        }
        Phase next = worst == Phase.FAILED || worst == Phase.ERROR ? worst : running ? Phase.RUNNING : worst;
        if (next != phase) {
            phase = next;
            message = why;
            if (phase.completed()) {
                for (MetricRun m : metrics) {
                    m.cancel();
                }
                terminated = true;
            }
            changed.run();
        }
    }

    /** One metric's measurements and counts. */
    private final class MetricRun {
        final Metric metric;
        final Source source;
        final ConditionExpression success;
        final ConditionExpression failure;
        int taken;
        int failed;
        int inconclusive;
        int consecutiveErrors;
        int consecutiveSuccesses;
        Phase phase = Phase.RUNNING;
        String reason = "";
        ScheduledEvent next;

        MetricRun(Metric metric, Source source) {
            this.metric = metric;
            this.source = source;
            this.success = parse(metric.metric().successCondition());
            this.failure = parse(metric.metric().failureCondition());
        }

        private static ConditionExpression parse(String text) {
            if (text == null || text.isBlank()) {
                return null;
            }
            try {
                return ConditionExpression.parse(text);
            } catch (IllegalArgumentException e) {
                return null; // the reader warned; the metric runs without that condition
            }
        }

        void schedule(long delay) {
            next = sim.schedule(delay, this::measure);
        }

        void cancel() {
            if (next != null) {
                next.cancel();
                next = null;
            }
        }

        /** One measurement: its value, its phase, then the metric's phase (assessMetricFailureInconclusiveOrError). */
        void measure() {
            next = null;
            if (terminated) {
                return;
            }
            AnalysisMetric m = metric.metric();
            Phase result;
            if (metric.measure() == null) {
                result = Phase.SUCCESSFUL;
            } else {
                result = evaluate(source.measure(metric.measure(), window()));
            }
            taken++;
            if (result == Phase.FAILED) {
                failed++;
            } else if (result == Phase.INCONCLUSIVE) {
                inconclusive++;
            }
            consecutiveErrors = result == Phase.ERROR ? consecutiveErrors + 1 : 0;
            consecutiveSuccesses = result == Phase.SUCCESSFUL ? consecutiveSuccesses + 1 : 0;
            assessMetric(m);
            if (phase == Phase.RUNNING && m.intervalSeconds() != null) {
                schedule(SimTime.seconds(m.intervalSeconds()));
            }
            assess();
        }

        /**
         * assessMetricStatus: failed, inconclusive and consecutive errors over their limits (a later
         * check overriding an earlier one), then consecutiveSuccessLimit reached, then the count
         * reached (Inconclusive or Failed when a consecutiveSuccessLimit was not reached).
         */
        private void assessMetric(AnalysisMetric m) {
            Phase over = null;
            if (m.failureLimit() >= 0 && failed > m.failureLimit()) {
                over = Phase.FAILED;
                reason = "failed (" + failed + ") > failureLimit (" + m.failureLimit() + ")";
            }
            if (inconclusive > m.inconclusiveLimit()) {
                over = Phase.INCONCLUSIVE;
                reason = "inconclusive (" + inconclusive + ") > inconclusiveLimit (" + m.inconclusiveLimit() + ")";
            }
            if (consecutiveErrors > m.consecutiveErrorLimit()) {
                over = Phase.ERROR;
                reason = "consecutiveErrors (" + consecutiveErrors + ") > consecutiveErrorLimit ("
                        + m.consecutiveErrorLimit() + ")";
            }
            int successLimit = m.consecutiveSuccessLimit();
            if (over != null) {
                phase = over;
            } else if (successLimit > 0 && consecutiveSuccesses >= successLimit) {
                phase = Phase.SUCCESSFUL;
            } else if (taken >= count()) {
                if (successLimit > 0 && m.failureLimit() >= 0) {
                    phase = Phase.INCONCLUSIVE;
                    reason = "ConsecutiveSuccessLimit (" + successLimit + ") Not Reached and FailureLimit ("
                            + m.failureLimit() + ") Not Violated";
                } else if (successLimit > 0) {
                    phase = Phase.FAILED;
                    reason = "ConsecutiveSuccessLimit (" + successLimit + ") Not Reached";
                } else {
                    phase = Phase.SUCCESSFUL;
                }
            }
            if (phase != Phase.RUNNING && phase != Phase.SUCCESSFUL) {
                reason = "Metric \"" + m.name() + "\" assessed " + phase.written() + " due to " + reason;
            }
        }

        /** count: 1 without an interval; unbounded (until terminated) with one and no count. */
        private int count() {
            AnalysisMetric m = metric.metric();
            if (m.count() != null && m.count() > 0) {
                return m.count();
            }
            return m.intervalSeconds() == null ? 1 : Integer.MAX_VALUE;
        }

        private long window() {
            AnalysisMeasure measure = metric.measure();
            if (measure.windowSeconds() != null) {
                return SimTime.seconds(measure.windowSeconds());
            }
            Long interval = metric.metric().intervalSeconds();
            return SimTime.seconds(interval != null ? interval : AnalysisMeasure.DEFAULT_WINDOW_SECONDS);
        }

        /** EvaluateResult: the failure condition first, then the success condition. */
        private Phase evaluate(double[] value) {
            try {
                Boolean failing = failure == null ? null : failure.evaluate(value);
                Boolean passing = success == null ? null : success.evaluate(value);
                if (failure != null && success != null) {
                    if (Boolean.TRUE.equals(failing)) {
                        return Phase.FAILED;
                    }
                    return Boolean.TRUE.equals(passing) ? Phase.SUCCESSFUL : Phase.INCONCLUSIVE;
                }
                if (failure != null) {
                    return Boolean.TRUE.equals(failing) ? Phase.FAILED : Phase.SUCCESSFUL;
                }
                if (success != null) {
                    return Boolean.TRUE.equals(passing) ? Phase.SUCCESSFUL : Phase.FAILED;
                }
                return Phase.SUCCESSFUL;
            } catch (RuntimeException e) {
                return Phase.ERROR;
            }
        }
    }
}
