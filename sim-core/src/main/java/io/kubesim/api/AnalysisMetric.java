package io.kubesim.api;

/**
 * One metric of an AnalysisTemplate (k8s-semantics.md 20.6), as kubesim evaluates it: the
 * measurement comes from kubesim's own metrics (the scenario's {@code analysis} section says
 * which), the conditions are Argo's expressions restricted to comparisons of {@code result}.
 *
 * @param intervalSeconds  null: no interval (with no count, one measurement)
 * @param count            null: 1 without an interval, unbounded with one
 * @param successCondition null when absent
 * @param failureCondition null when absent
 * @param failureLimit     -1 disables
 * @param provider         the provider's key ({@code prometheus}, {@code web}, {@code job} ...), for messages
 * @param query            the provider's query text when it has one, else ""
 * @param position         where the metric is written ({@code file:line:col}), for messages at run time
 * @param consecutiveSuccessLimit successes in a row that make the metric Successful early; 0: not used
 */
public record AnalysisMetric(String name, Long intervalSeconds, Integer count, String successCondition,
                             String failureCondition, int failureLimit, int inconclusiveLimit,
                             int consecutiveErrorLimit, long initialDelaySeconds, String provider, String query,
                             String position, int consecutiveSuccessLimit) {
    public static final int DEFAULT_CONSECUTIVE_ERROR_LIMIT = 4;

    /** A metric without consecutiveSuccessLimit. */
    public AnalysisMetric(String name, Long intervalSeconds, Integer count, String successCondition,
                          String failureCondition, int failureLimit, int inconclusiveLimit, int consecutiveErrorLimit,
                          long initialDelaySeconds, String provider, String query, String position) {
        this(name, intervalSeconds, count, successCondition, failureCondition, failureLimit, inconclusiveLimit,
                consecutiveErrorLimit, initialDelaySeconds, provider, query, position, 0);
    }
}
