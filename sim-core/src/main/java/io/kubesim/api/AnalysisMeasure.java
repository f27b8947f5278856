package io.kubesim.api;

import java.util.Locale;

/**
 * What an AnalysisTemplate metric measures in a kubesim run (the scenario's {@code analysis}
 * section): kubesim cannot run a Prometheus or Datadog query, so each metric is mapped to one of
 * its own measures of a Rollout's canary or stable pods, or of a Service (k8s-semantics.md 20.6).
 *
 * @param metric        the metric's name, or {@code template/metric} when names repeat across templates
 * @param kind          what is measured
 * @param quantile      for {@link Kind#LATENCY}: 0.5, 0.9, 0.95, 0.99 ...
 * @param seconds       for {@link Kind#LATENCY}: the result in seconds (as Prometheus histograms give it), else ms
 * @param of            {@code canary} (the default), {@code stable}, or {@code service/NAME}
 * @param windowSeconds the look-back of one measurement (a query's {@code [5m]}); null: the metric's interval, or 60 s
 */
public record AnalysisMeasure(String metric, Kind kind, double quantile, boolean seconds, String of,
                              Long windowSeconds) {
    public static final String CANARY = "canary";
    public static final String STABLE = "stable";
    public static final String SERVICE_PREFIX = "service/";
    public static final long DEFAULT_WINDOW_SECONDS = 60;

    /** The measures there are. */
    public enum Kind {
        /** Failed requests / all requests served by the pods (NaN without requests, as Prometheus's 0/0). */
        ERROR_RATIO("errorRatio"),
        /** 1 - error ratio. */
        SUCCESS_RATIO("successRatio"),
        /** Requests per second over the window. */
        REQUEST_RATE("requestRate"),
        /** A latency percentile over the window ({@code p99Ms}, {@code p95Seconds} ...). */
        LATENCY("pNN");

        private final String written;

        Kind(String written) {
            this.written = written;
        }

        public String written() {
            return written;
        }
    }

    /** How the scenario writes the measure: {@code errorRatio}, {@code p99Ms}, {@code p95Seconds}. */
    public String written() {
        if (kind != Kind.LATENCY) {
            return kind.written();
        }
        String q = String.format(Locale.ROOT, "%s", quantile * 100).replace(".0", "");
        return "p" + q.replace(".", "") + (seconds ? "Seconds" : "Ms");
    }
}
