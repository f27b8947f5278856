package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * One AnalysisRun's metric over a sequence of measured values (k8s-semantics.md 20.6): success
 * condition {@code result[0] >= 0.95}, failure condition {@code result[0] < 0.5} when asked, a
 * value of -1 makes the measurement an Error (an index out of range).
 */
class AnalysisRunTest {
    private static final AnalysisMeasure MEASURE = new AnalysisMeasure("m", AnalysisMeasure.Kind.SUCCESS_RATIO, 0,
            false, AnalysisMeasure.CANARY, null);

    @ParameterizedTest(name = "{0}: {7}")
    @CsvSource(delimiter = '|', value = {
        // name | values | count | failureLimit | inconclusiveLimit | consecutiveSuccessLimit | both conditions | phase | measurements
        "all good until count | 1,1,1 | 3 | 0 | 0 | 0 | false | SUCCESSFUL | 3",
        "the first failure fails with the default failureLimit 0 | 1,0.9,1 | 3 | 0 | 0 | 0 | false | FAILED | 2",
        "failures up to failureLimit are allowed | 0.9,0.9,1 | 3 | 2 | 0 | 0 | false | SUCCESSFUL | 3",
        "failures above failureLimit fail | 0.9,0.9,0.9 | 5 | 2 | 0 | 0 | false | FAILED | 3",
        "failureLimit -1 never fails | 0.1,0.1,0.1 | 3 | -1 | 0 | 0 | false | SUCCESSFUL | 3",
        "neither condition: Inconclusive | 0.7 | 3 | 0 | 0 | 0 | true | INCONCLUSIVE | 1",
        "inconclusive up to its limit | 0.7,1,1 | 3 | 0 | 1 | 0 | true | SUCCESSFUL | 3",
        "the fifth error in a row is Error | -1,-1,-1,-1,-1 | 10 | 0 | 0 | 0 | false | ERROR | 5",
        "errors in between reset | -1,-1,-1,-1,1,-1 | 6 | 0 | 0 | 0 | false | SUCCESSFUL | 6",
        "consecutiveSuccessLimit reached early | 0.9,1,1 | 10 | 3 | 0 | 2 | false | SUCCESSFUL | 3",
        "consecutiveSuccessLimit not reached with failureLimit | 1,0.9,1,0.9 | 4 | 3 | 0 | 3 | false | INCONCLUSIVE | 4",
        "consecutiveSuccessLimit not reached without failureLimit | 1,0.9,1,0.9 | 4 | -1 | 0 | 3 | false | FAILED | 4",
    })
    void metricPhase(String name, String values, int count, int failureLimit, int inconclusiveLimit,
                     int consecutiveSuccessLimit, boolean both, AnalysisRun.Phase expected, int measurements) {
        Deque<Double> queue = new ArrayDeque<>();
        for (String v : values.split(",")) {
            queue.add(Double.parseDouble(v));
        }
        AnalysisMetric metric = new AnalysisMetric("m", 10L, count, "result[0] >= 0.95", both ? "result[0] < 0.5" : null,
                failureLimit, inconclusiveLimit, AnalysisMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 0, "prometheus", "q",
                "t.yaml:1:1", consecutiveSuccessLimit);
        Simulation sim = new Simulation(1);
        int[] taken = new int[1];
        AnalysisRun run = new AnalysisRun("r", sim, List.of(new AnalysisRun.Metric(metric, MEASURE)), (m, window) -> {
            taken[0]++;
            double v = queue.isEmpty() ? 1 : queue.poll();
            return v < 0 ? new double[0] : new double[] {v};
        }, () -> { });
        sim.runUntil(SimTime.minutes(10));
        assertEquals(expected, run.phase(), run.message());
        assertEquals(measurements, taken[0], "measurements taken");
    }

    @ParameterizedTest(name = "a background run ({0} measurements) terminated is Successful")
    @CsvSource({"3"})
    void terminatedRunsAreSuccessful(int measurements) {
        AnalysisMetric metric = new AnalysisMetric("m", 10L, null, "result[0] >= 0.95", null, 0, 0, 4, 0, "prometheus",
                "q", "t.yaml:1:1");
        Simulation sim = new Simulation(1);
        AnalysisRun run = new AnalysisRun("r", sim, List.of(new AnalysisRun.Metric(metric, MEASURE)),
                (m, window) -> new double[] {1}, () -> { });
        sim.runUntil(SimTime.seconds(10L * (measurements - 1)));
        assertEquals(AnalysisRun.Phase.RUNNING, run.phase(), "an interval without count runs until terminated");
        run.terminate();
        assertEquals(AnalysisRun.Phase.SUCCESSFUL, run.phase());
    }
}
