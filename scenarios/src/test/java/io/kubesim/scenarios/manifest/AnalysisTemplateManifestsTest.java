package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo Rollouts' AnalysisTemplate and ClusterAnalysisTemplate (k8s-semantics.md 20.6): the metrics
 * kubesim evaluates, with Argo's defaults and Argo's checks (a template Argo cannot make an
 * AnalysisRun from is a warning and is left out; the CRD's required fields are errors).
 */
class AnalysisTemplateManifestsTest {
    /** Line numbers refer to this text: the first metric starts on line 11. */
    static final String TEMPLATE = """
            apiVersion: argoproj.io/v1alpha1
            kind: AnalysisTemplate
            metadata: {name: success-rate, namespace: shop}
            spec:
              args:
              - name: service-name
              - name: limit
                value: "3"
              - name: unset
              metrics:
              - name: success-rate
                interval: 5m
                initialDelay: 30s
                count: 10
                successCondition: result[0] >= 0.95
                failureLimit: "{{args.limit}}"
                provider:
                  prometheus:
                    address: http://prometheus:9090
                    query: sum(rate(ok{service="{{args.service-name}}"}[5m])) / sum(rate(all[5m]))
              - name: smoke
                failureCondition: result != 200
                provider:
                  web: {url: "http://web/healthz", jsonPath: "{$.status}"}
            """;

    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static Manifest.AnalysisTemplateManifest only(Loaded<List<Manifest>> r) {
        assertEquals(1, r.value().size(), r.value()::toString);
        return (Manifest.AnalysisTemplateManifest) r.value().get(0);
    }

    @Test
    @DisplayName("metrics: durations in seconds, {{args.NAME}} from the template's default, Argo's defaults (20.1)")
    void metrics() {
        Loaded<List<Manifest>> r = load(TEMPLATE);
        assertEquals(List.of(), RolloutManifestsTest.warnings(r));
        Manifest.AnalysisTemplateManifest t = only(r);
        assertEquals("shop/success-rate", t.key());
        assertEquals("AnalysisTemplate", t.kind());
        assertEquals(List.of(
                new AnalysisMetric("success-rate", 300L, 10, "result[0] >= 0.95", null, 3, 0, 4, 30, "prometheus",
                        "sum(rate(ok{service=\"{{args.service-name}}\"}[5m])) / sum(rate(all[5m]))", "m.yaml:11:5"),
                // k8s-semantics.md 20.1: failureLimit 0, inconclusiveLimit 0, consecutiveErrorLimit 4;
                // no interval and no count: one measurement (count stays null).
                new AnalysisMetric("smoke", null, null, null, "result != 200", 0, 0, 4, 0, "web", "", "m.yaml:21:5")),
                t.metrics());
    }

    @Test
    @DisplayName("a ClusterAnalysisTemplate is cluster-scoped")
    void clusterTemplate() {
        Manifest.AnalysisTemplateManifest t = only(load(TEMPLATE.replace("kind: AnalysisTemplate",
                "kind: ClusterAnalysisTemplate").replace(", namespace: shop", "")));
        assertEquals("ClusterAnalysisTemplate", t.kind());
        assertEquals("", t.namespace());
        assertEquals("success-rate", t.key());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '#', value = {
            "a condition kubesim cannot parse # 'result[0] >= 0.95' # 'asInt(result[0]) >= 1' # 15 # 5 # AnalysisTemplate \"success-rate\": condition \"asInt(result[0]) >= 1\" cannot be evaluated by kubesim: \"asInt\" is not supported (supported: result, result[N], len(result), isNaN(x), isInf(x), numbers, + - * /, == != < <= > >=, && || ! (and, or, not) and parentheses); kubesim treats the metric as having no successCondition",
            "an argument without a default    # '\"{{args.limit}}\"' # '\"{{args.unset}}\"' # 16 # 5 # AnalysisTemplate \"success-rate\": failureLimit \"{{args.unset}}\" takes the argument unset, which has no default value in the template; kubesim does not resolve the Rollout's arguments here and uses 0",
            "a limit that is not a number     # '\"{{args.limit}}\"' # 'many' # 16 # 5 # AnalysisTemplate \"success-rate\": failureLimit \"many\" is not an integer; kubesim uses 0",
    })
    @DisplayName("what kubesim cannot read in a metric is a located warning; the metric is kept")
    void warnings(String name, String from, String to, int line, int column, String message) {
        Loaded<List<Manifest>> r = load(TEMPLATE.replace(from, to));
        assertEquals(List.of("m.yaml:" + line + ":" + column + ": warning: " + message), RolloutManifestsTest.warnings(r));
        assertEquals(2, only(r).metrics().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "count above 1 without interval | '    interval: 5m\n' | '' | 13 | 5 | metrics[0]: interval must be specified when count > 1",
            "an unreadable interval         | 'interval: 5m' | 'interval: soon' | 12 | 5 | metrics[0]: invalid interval string: invalid duration \"soon\": expected e.g. 30s, 5m, 1h30m, 1.5s, 250ms",
            "count below failureLimit       | 'count: 10' | 'count: 2' | 14 | 5 | metrics[0]: count (2) must be >= failureLimit + consecutiveSuccessLimit (3 + 0) if both >= 0",
            "failureLimit below -1          | '\"{{args.limit}}\"' | '-2' | 16 | 5 | metrics[0]: failureLimit must be >= 0, or -1 to be disabled",
            "two providers                  | '    web: {url: \"http://web/healthz\", jsonPath: \"{$.status}\"}' | '    web: {url: \"http://web/healthz\"}\n      job: {spec: {}}' | 23 | 5 | metrics[1]: multiple providers specified",
            "no provider                    | '    web: {url: \"http://web/healthz\", jsonPath: \"{$.status}\"}' | '    {}' | 23 | 5 | metrics[1]: no provider specified",
            "a repeated metric name         | '- name: smoke' | '- name: success-rate' | 21 | 5 | metrics[1]: duplicate name 'success-rate'",
    })
    @DisplayName("a template Argo's ValidateMetrics refuses: one warning, the template left out (its runs would Error)")
    void invalidTemplates(String name, String from, String to, int line, int column, String argoMessage) {
        String yaml = TEMPLATE.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        Loaded<List<Manifest>> r = load(yaml);
        assertEquals(List.of(), r.value());
        assertEquals(List.of("m.yaml:" + line + ":" + column + ": warning: AnalysisTemplate \"success-rate\" is invalid ("
                + argoMessage + "): Argo Rollouts ends every AnalysisRun made from it in phase Error, which aborts the "
                + "Rollout; kubesim leaves it out"), RolloutManifestsTest.warnings(r));
    }

    @Test
    @DisplayName("a Rollout running a template left out as invalid is told so at the reference")
    void rolloutRunningAnInvalidTemplate() {
        Loaded<List<Manifest>> r = load(TEMPLATE.replace("count: 10", "count: 2") + "---\n"
                + RolloutManifestsTest.BASE.replace("metadata: {name: web}", "metadata: {name: web, namespace: shop}")
                .replace("- pause: {}", "- analysis: {templates: [{templateName: success-rate}]}"));
        assertEquals(List.of("Rollout"), r.value().stream().map(Manifest::kind).toList());
        assertEquals(List.of("m.yaml:14:5: warning: AnalysisTemplate \"success-rate\" is invalid (metrics[0]: count (2) "
                + "must be >= failureLimit + consecutiveSuccessLimit (3 + 0) if both >= 0): Argo Rollouts ends every "
                + "AnalysisRun made from it in phase Error, which aborts the Rollout; kubesim leaves it out",
                "m.yaml:41:47: warning: Rollout \"web\" runs AnalysisTemplate \"success-rate\", which is invalid (see "
                + "its warning): Argo Rollouts cannot run the analysis, the AnalysisRun ends in phase Error and the "
                + "rollout aborts; kubesim does the same"), RolloutManifestsTest.warnings(r));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a metric without a name     | '- name: smoke\n    failureCondition' | '- failureCondition' | 21 | 5 | spec.metrics[1].name is required (the CRD's schema refuses a metric without it)",
            "interval a number           | 'interval: 5m' | 'interval: 300' | 12 | 15 | expected a string, got an integer (300) (quote it)",
            "count a list                | 'count: 10' | 'count: [10]' | 14 | 12 | expected an integer or a string, got a list",
            "provider a string           | '    provider:\n      prometheus:' | '    provider: prometheus\n    x:\n      prometheus:' | 17 | 15 | expected a mapping, got a string (\"prometheus\")",
    })
    @DisplayName("what the CRD's schema refuses is one located error")
    void errors(String name, String from, String to, int line, int column, String message) {
        String yaml = TEMPLATE.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertEquals(1, e.errors().size(), e::getMessage);
        assertEquals("m.yaml:" + line + ":" + column + ": " + message, e.errors().get(0).format());
    }
}
