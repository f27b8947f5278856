package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scenario's {@code analysis} section (k8s-semantics.md 20.6): which of kubesim's own measures
 * stands in for each AnalysisTemplate metric's query.
 */
class AnalysisSectionTest {
    /** Line numbers refer to this text; the analysis section starts on line 12. */
    static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: t
            duration: 10m
            manifests: [m.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "4", memory: 16Gi}
            analysis:
              success-rate:
                measure: successRatio
              success-rate/latency:
                measure: p99.9Ms
                of: service/web
                window: 5m
              errors:
                measure: errorRatio
                of: stable
            """;

    /** The metrics start on lines 21 (success-rate), 25 (latency) and 29 (errors). */
    static final String MANIFESTS = """
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80}]}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
              strategy: {canary: {analysis: {templates: [{templateName: success-rate}]}, steps: [{setWeight: 50}]}}
            ---
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata: {name: success-rate}
            spec:
              metrics:
              - name: success-rate
                interval: 1m
                successCondition: result[0] >= 0.95
                provider: {prometheus: {query: "sum(rate(ok[1m])) / sum(rate(all[1m]))"}}
              - name: latency
                interval: 1m
                failureCondition: result[0] > 250
                provider: {datadog: {query: "p99:trace.http.request{service:web}"}}
              - name: errors
                successCondition: result[0] < 0.01
                provider: {web: {url: "http://metrics/errors"}}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifests() throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
    }

    private Loaded<SimulationSpec> load(String scenario) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario);
        return ScenarioLoader.load(file);
    }

    private List<String> warnings(Loaded<SimulationSpec> r) {
        return r.warnings().stream().map(Diagnostic::format).map(s -> s.replace(dir + "/", "")).toList();
    }

    @Test
    @DisplayName("each entry maps a metric (or TEMPLATE/METRIC) to a measure of the canary, the stable or a Service")
    void measures() throws Exception {
        Loaded<SimulationSpec> r = load(SCENARIO);
        assertEquals(List.of(), warnings(r));
        assertEquals(List.of(
                new AnalysisMeasure("success-rate", AnalysisMeasure.Kind.SUCCESS_RATIO, 0, false, "canary", null),
                new AnalysisMeasure("success-rate/latency", AnalysisMeasure.Kind.LATENCY, 0.999, false, "service/web",
                        300L),
                new AnalysisMeasure("errors", AnalysisMeasure.Kind.ERROR_RATIO, 0, false, "stable", null)),
                r.value().analysis());
        assertEquals("p999Ms", r.value().analysis().get(1).written());
    }

    @ParameterizedTest(name = "{0} -> quantile {1}, seconds {2}")
    @CsvSource({"p50Ms, 0.5, false", "p99Ms, 0.99, false", "p95Seconds, 0.95, true", "p999Ms, 0.999, false",
            "p99.99Seconds, 0.9999, true", "p100Ms, 1.0, false"})
    @DisplayName("latency percentiles")
    void percentiles(String written, double quantile, boolean seconds) throws Exception {
        AnalysisMeasure m = load(SCENARIO.replace("p99.9Ms", written)).value().analysis().get(1);
        assertEquals(AnalysisMeasure.Kind.LATENCY, m.kind());
        assertEquals(quantile, m.quantile());
        assertEquals(seconds, m.seconds());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "an unknown measure   # 'measure: successRatio' # 'measure: succesRatio' # 14 # 14 # expected errorRatio, successRatio, requestRate or a latency percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...), got \"succesRatio\": did you mean \"successRatio\"?",
            "a percentile of 0    # 'p99.9Ms' # 'p0Ms' # 16 # 14 # expected a percentile above 0 and at most 100 (p50Ms, p99Ms, p99.9Ms), got \"p0Ms\"",
            "a latency unit       # 'p99.9Ms' # 'p99us' # 16 # 14 # expected errorRatio, successRatio, requestRate or a latency percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...), got \"p99us\"",
            "no measure           # '    measure: successRatio\n' # '    of: canary\n' # 13 # 3 # missing required field \"measure\"",
            "an unknown field     # 'window: 5m' # 'windw: 5m' # 18 # 5 # unknown field \"windw\" in AnalysisMeasure: did you mean \"window\"?",
            "of something else    # 'of: stable' # 'of: preview' # 21 # 9 # expected canary, stable or service/NAME, got \"preview\"",
            "of a missing Service # 'of: service/web' # 'of: service/api' # 17 # 9 # no Service named \"api\" in the scenario's manifests",
            "of service/ alone    # 'of: service/web' # 'of: service/' # 17 # 9 # expected service/NAME with the name of a Service, got \"service/\"",
            "a bare-number window # 'window: 5m' # 'window: 300' # 18 # 13 # expected a duration with a unit such as 300s, 5m or 1h30m, got a bare number (300)",
            "a window below 1 s   # 'window: 5m' # 'window: 500ms' # 18 # 13 # expected a window of at least 1s, got 500ms",
            "a zero window        # 'window: 5m' # 'window: 0s' # 18 # 13 # expected a duration greater than 0, got 0s",
            "an entry not a map   # '  errors:\n    measure: errorRatio\n    of: stable\n' # '  errors: errorRatio\n' # 19 # 11 # expected a mapping (AnalysisMeasure), got a string (\"errorRatio\")",
    })
    @DisplayName("bad input is one located error (exit 2)")
    void errors(String name, String from, String to, int line, int column, String message) throws Exception {
        String text = SCENARIO.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        ScenarioInputErrorsTest.assertOneLocatedError(dir, text, line, column, message);
    }

    @Test
    @DisplayName("the section is a mapping")
    void sectionNotAMapping() throws Exception {
        ScenarioInputErrorsTest.assertOneLocatedError(dir, SCENARIO.substring(0, SCENARIO.indexOf("analysis:"))
                + "analysis: [success-rate]\n", 12, 11, "expected a mapping, got a list");
    }

    @Test
    @DisplayName("a key that names no loaded metric is a warning with a suggestion, and is ignored")
    void unknownMetric() throws Exception {
        Loaded<SimulationSpec> r = load(SCENARIO.replace("  success-rate/latency:", "  success-rate/latncy:"));
        assertEquals(List.of(
                "m.yaml:25:5: warning: AnalysisTemplate \"success-rate\" metric \"latency\" (datadog query) cannot be run "
                        + "by kubesim: map it in the scenario's analysis section to errorRatio, successRatio, requestRate "
                        + "or a latency percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...); until then its measurements "
                        + "are Successful",
                "s.yaml:15:3: warning: analysis \"success-rate/latncy\" names no metric of a loaded AnalysisTemplate and "
                        + "is ignored (write METRIC or TEMPLATE/METRIC): did you mean \"success-rate/latency\"?"),
                warnings(r).stream().sorted().toList());
        assertEquals(List.of("success-rate", "errors"), r.value().analysis().stream().map(AnalysisMeasure::metric).toList());
    }

    @Test
    @DisplayName("without an analysis section every metric a Rollout runs is a warning at the metric")
    void unmappedMetrics() throws Exception {
        Loaded<SimulationSpec> r = load(SCENARIO.substring(0, SCENARIO.indexOf("analysis:")));
        assertEquals(List.of(
                "m.yaml:21:5: warning: AnalysisTemplate \"success-rate\" metric \"success-rate\" (prometheus query) cannot "
                        + "be run by kubesim: map it in the scenario's analysis section to errorRatio, successRatio, "
                        + "requestRate or a latency percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...); until then its "
                        + "measurements are Successful",
                "m.yaml:25:5: warning: AnalysisTemplate \"success-rate\" metric \"latency\" (datadog query) cannot be run "
                        + "by kubesim: map it in the scenario's analysis section to errorRatio, successRatio, requestRate "
                        + "or a latency percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...); until then its measurements "
                        + "are Successful",
                "m.yaml:29:5: warning: AnalysisTemplate \"success-rate\" metric \"errors\" (web) cannot be run by kubesim: "
                        + "map it in the scenario's analysis section to errorRatio, successRatio, requestRate or a latency "
                        + "percentile (p50Ms, p99Ms, p99.9Ms, p95Seconds ...); until then its measurements are Successful"),
                warnings(r));
        assertEquals(List.of(), r.value().analysis());
    }

    @Test
    @DisplayName("a template no Rollout runs needs no mapping")
    void unusedTemplateNeedsNoMapping() throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS.replace(
                "  strategy: {canary: {analysis: {templates: [{templateName: success-rate}]}, steps: [{setWeight: 50}]}}",
                "  strategy: {canary: {steps: [{setWeight: 50}]}}"));
        Loaded<SimulationSpec> r = load(SCENARIO.substring(0, SCENARIO.indexOf("analysis:")));
        assertEquals(List.of(), warnings(r));
    }
}
