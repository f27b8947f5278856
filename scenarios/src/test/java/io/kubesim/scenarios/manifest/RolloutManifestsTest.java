package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Argo Rollouts' {@code Rollout} (k8s-semantics.md 20): what kubesim reads from a manifest, the
 * defaults of 20.1, and Argo's two kinds of refusal: a type error the CRD's schema refuses
 * (kubectl apply fails: one located error) and a spec the Argo controller marks InvalidSpec (the
 * API server stores it, no pods run: one located warning, the Rollout left out).
 */
class RolloutManifestsTest {
    /** Line numbers in the tests refer to this text; the strategy starts on line 10. */
    static final String BASE = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: web}
            spec:
              replicas: 10
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
              strategy:
                canary:
                  steps:
                  - setWeight: 20
                  - pause: {duration: 30s}
                  - setWeight: 50
                  - pause: {}
            """;
    private static final String STRATEGY = BASE.substring(BASE.indexOf("  strategy:"));

    static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    static List<String> warnings(Loaded<List<Manifest>> r) {
        return r.warnings().stream().map(Diagnostic::format).toList();
    }

    private static String withStrategy(String strategy) {
        return BASE.replace(STRATEGY, strategy);
    }

    private static RolloutSpec only(Loaded<List<Manifest>> r) {
        assertEquals(1, r.value().size(), r.value()::toString);
        return ((Manifest.RolloutManifest) r.value().get(0)).spec();
    }

    @Test
    @DisplayName("a basic canary: its steps, and the defaults of k8s-semantics.md 20.1")
    void basicCanaryWithDefaults() {
        Loaded<List<Manifest>> r = load(BASE.replace("  replicas: 10\n", ""));
        assertEquals(List.of(), warnings(r));
        RolloutSpec spec = only(r);
        // k8s-semantics.md 20.1: replicas stays unset (1 unless an HPA owns it), history 10, deadline 600 s.
        assertNull(spec.replicas());
        assertEquals(1, spec.replicasOrDefault());
        assertEquals(10, spec.revisionHistoryLimit());
        assertEquals(600, spec.progressDeadlineSeconds());
        assertEquals(LabelSelector.of(Map.of("app", "web")), spec.selector());
        assertEquals(Map.of("app", "web"), spec.template().labels());
        RolloutStrategy.Canary c = (RolloutStrategy.Canary) spec.strategy();
        assertEquals(IntOrPercent.ofPercent(25), c.maxSurge(), "20.1: maxSurge 25 %");
        assertEquals(IntOrPercent.ofPercent(25), c.maxUnavailable(), "20.1: maxUnavailable 25 %");
        assertEquals(List.of(new CanaryStep.SetWeight(20), new CanaryStep.Pause(30L, "30s"), new CanaryStep.SetWeight(50),
                new CanaryStep.Pause(null, "")), c.steps());
        assertNull(c.trafficRouting());
        assertNull(c.scaleDownDelaySeconds(), "left unset: Canary computes the effective value");
        assertNull(c.abortScaleDownDelaySeconds());
        assertEquals(0, c.effectiveScaleDownDelaySeconds(), "20.1: a basic canary has no scale-down delay");
        assertEquals("pause: 30s", c.steps().get(1).describe());
    }

    @ParameterizedTest(name = "{0} -> {1} s")
    @CsvSource(delimiter = '|', value = {
            "30s     | 30",
            "1h      | 3600",
            "1m30s   | 90",
            "'\"45\"'| 45",
            "60      | 60",
            "1.5s    | 1",
            "0       | 0",
    })
    @DisplayName("pause.duration: an integer is seconds, a string an integer or a Go duration (Argo's DurationSeconds)")
    void pauseDurations(String written, long seconds) {
        Loaded<List<Manifest>> r = load(BASE.replace("{duration: 30s}", "{duration: " + written + "}"));
        CanaryStep.Pause p = (CanaryStep.Pause) ((RolloutStrategy.Canary) only(r).strategy()).steps().get(1);
        assertEquals(seconds, p.durationSeconds());
        assertEquals(written.replace("\"", ""), p.written(), "kept as written, for the event");
    }

    @Test
    @DisplayName("a traffic-routed canary: the router is the first key; scale-down delays default to 30 s (20.1)")
    void trafficRoutedCanary() {
        Loaded<List<Manifest>> r = load(withStrategy("""
                  strategy:
                    canary:
                      canaryService: web-canary
                      stableService: web-stable
                      maxSurge: 1
                      maxUnavailable: "0%"
                      dynamicStableScale: true
                      minPodsPerReplicaSet: 2
                      trafficRouting:
                        nginx: {stableIngress: web, additionalIngressAnnotations: {canary-by-header: X-Canary}}
                        managedRoutes: [{name: header}]
                      analysis:
                        templates: [{templateName: success-rate}, {templateName: latency, clusterScope: true}]
                        args: [{name: service, value: web-canary}, {name: hash, valueFrom: {podTemplateHashValue: Latest}}]
                        startingStep: 2
                      steps:
                      - setCanaryScale: {replicas: 3}
                      - setWeight: 10
                      - setCanaryScale: {matchTrafficWeight: true}
                """) + """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: success-rate}
                spec: {metrics: [{name: m, provider: {web: {url: "http://x"}}}]}
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: ClusterAnalysisTemplate
                metadata: {name: latency}
                spec: {metrics: [{name: m, provider: {job: {spec: {}}}}]}
                """);
        assertEquals(List.of(), warnings(r));
        RolloutStrategy.Canary c = (RolloutStrategy.Canary) ((Manifest.RolloutManifest) r.value().get(0)).spec().strategy();
        assertEquals(new RolloutStrategy.TrafficRouting("nginx"), c.trafficRouting());
        assertEquals("web-canary", c.canaryService());
        assertEquals("web-stable", c.stableService());
        assertEquals(IntOrPercent.ofInt(1), c.maxSurge());
        assertEquals(IntOrPercent.ofPercent(0), c.maxUnavailable());
        assertTrue(c.dynamicStableScale());
        assertEquals(2, c.minPodsPerReplicaSet());
        assertEquals(30, c.effectiveScaleDownDelaySeconds(), "20.1: 30 s with traffic routing");
        assertEquals(30, c.effectiveAbortScaleDownDelaySeconds());
        assertEquals(List.of(new CanaryStep.SetCanaryScale(3, null, false), new CanaryStep.SetWeight(10),
                new CanaryStep.SetCanaryScale(null, null, true)), c.steps());
        assertEquals(new RolloutAnalysis(List.of(new RolloutAnalysis.TemplateRef("success-rate", false),
                new RolloutAnalysis.TemplateRef("latency", true)), Map.of("service", "web-canary"), 2), c.analysis());
        assertEquals("ClusterAnalysisTemplate", r.value().get(2).kind());
        assertEquals("", r.value().get(2).namespace(), "cluster-scoped");
    }

    @Test
    @DisplayName("Istio with a DestinationRule (subset-level routing) needs no canary and stable Services, as in Argo")
    void istioSubsetsNeedNoServices() {
        Loaded<List<Manifest>> r = load(withStrategy("""
                  strategy:
                    canary:
                      trafficRouting:
                        istio:
                          virtualService: {name: web, routes: [primary]}
                          destinationRule: {name: web, canarySubsetName: canary, stableSubsetName: stable}
                      steps: [{setWeight: 10}, {pause: {duration: 2m}}]
                """));
        assertEquals(List.of(), warnings(r));
        assertEquals("istio", ((RolloutStrategy.Canary) only(r).strategy()).trafficRouting().router());
    }

    @Test
    @DisplayName("two routers: the first is used, with a warning at the second")
    void twoRouters() {
        Loaded<List<Manifest>> r = load(withStrategy("""
                  strategy:
                    canary:
                      canaryService: c
                      stableService: s
                      trafficRouting:
                        smi: {}
                        istio: {virtualService: {name: web}}
                      steps: [{setWeight: 10}]
                """));
        assertEquals(List.of("m.yaml:16:9: warning: Rollout \"web\": trafficRouting names 2 routers (smi, istio); kubesim "
                + "routes with the first, smi, and ignores the others"), warnings(r));
        RolloutStrategy.Canary c = (RolloutStrategy.Canary) only(r).strategy();
        assertEquals("smi", c.trafficRouting().router());
        assertTrue(c.trafficRouting().mesh());
    }

    @Test
    @DisplayName("the real blue-green example of argo-rollouts (../shared/manifests) reads with no warning")
    void realBlueGreenExample() {
        var root = SharedFiles.manifests();
        Assumptions.assumeTrue(root.isPresent(), "../shared/manifests not found");
        Path file = root.get().resolve("argo-rollouts/rollout-bluegreen.yaml");
        Loaded<List<Manifest>> r = new ManifestLoader().load(List.of(file.toString()));
        assertEquals(List.of(), warnings(r));
        Manifest.RolloutManifest ro = (Manifest.RolloutManifest) r.value().get(0);
        assertEquals("default/rollout-bluegreen", ro.key());
        assertEquals(2, ro.spec().replicas());
        assertEquals(2, ro.spec().revisionHistoryLimit());
        assertEquals("argoproj/rollouts-demo:blue", ro.spec().template().spec().containers().get(0).image());
        // k8s-semantics.md 20.1: autoPromotionSeconds 0, scale-down delays 30 s; autoPromotionEnabled as written.
        assertEquals(new RolloutStrategy.BlueGreen("rollout-bluegreen-active", "rollout-bluegreen-preview", false, 0,
                null, 30, 30, null, null, null), ro.spec().strategy());
    }

    @Test
    @DisplayName("blue-green defaults (20.1): auto-promotion on, no timed pause, 30 s scale-down delays")
    void blueGreenDefaults() {
        Loaded<List<Manifest>> r = load(withStrategy("""
                  strategy:
                    blueGreen:
                      activeService: web
                      prePromotionAnalysis: {templates: [{templateName: smoke}]}
                      postPromotionAnalysis: {templates: [{templateName: smoke}], args: [{name: a, value: b}]}
                """) + """
                ---
                apiVersion: argoproj.io/v1alpha1
                kind: AnalysisTemplate
                metadata: {name: smoke}
                spec: {metrics: [{name: m, provider: {web: {url: "http://x"}}}]}
                """);
        assertEquals(List.of(), warnings(r));
        RolloutStrategy.BlueGreen b = (RolloutStrategy.BlueGreen) ((Manifest.RolloutManifest) r.value().get(0)).spec()
                .strategy();
        RolloutAnalysis smoke = new RolloutAnalysis(List.of(new RolloutAnalysis.TemplateRef("smoke", false)), Map.of(), 0);
        assertEquals(new RolloutStrategy.BlueGreen("web", null, true, 0, null, 30, 30, null, smoke,
                new RolloutAnalysis(smoke.templates(), Map.of("a", "b"), 0)), b);
    }

    @Test
    @DisplayName("workloadRef (20.7): the Rollout takes the Deployment's selector and template")
    void workloadRefResolved() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web-rollout}
                spec:
                  replicas: 4
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web, scaleDown: progressively}
                  strategy: {canary: {steps: [{setWeight: 50}]}}
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  replicas: 0
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec: {containers: [{name: web, image: "web:2"}]}
                """);
        assertEquals(List.of(), warnings(r));
        Manifest.DeploymentManifest d = (Manifest.DeploymentManifest) r.value().get(1);
        RolloutSpec spec = ((Manifest.RolloutManifest) r.value().get(0)).spec();
        assertEquals(d.selector(), spec.selector());
        assertEquals(d.template(), spec.template());
        assertEquals(new RolloutSpec.WorkloadRef("Deployment", "web", "progressively"), spec.workloadRef());
        assertEquals(4, spec.replicas());
    }

    @Test
    @DisplayName("workloadRef to a Deployment not in the input: InvalidSpec, the Rollout left out")
    void workloadRefMissing() {
        Loaded<List<Manifest>> r = load("""
                apiVersion: argoproj.io/v1alpha1
                kind: Rollout
                metadata: {name: web-rollout}
                spec:
                  workloadRef: {apiVersion: apps/v1, kind: Deployment, name: web}
                  strategy: {canary: {steps: [{setWeight: 50}]}}
                """);
        assertEquals(List.of(), r.value());
        assertEquals(List.of("m.yaml:5:62: warning: Rollout \"web-rollout\" has an invalid spec (spec.workloadRef: "
                + "Invalid value: Deployment \"web\" not found in namespace \"default\" (it is not in the input)): Argo "
                + "Rollouts marks it InvalidSpec and runs no pods; kubesim leaves it out"), warnings(r));
    }

    @Test
    @DisplayName("steps kubesim does not simulate complete at once, with a warning each")
    void unmodelledSteps() {
        Loaded<List<Manifest>> r = load(withStrategy("""
                  strategy:
                    canary:
                      canaryService: c
                      stableService: s
                      trafficRouting:
                        istio: {virtualService: {name: web}}
                        managedRoutes: [{name: h}, {name: m}]
                      steps:
                      - experiment: {templates: [{name: x, specRef: canary}]}
                      - setHeaderRoute: {name: h, match: [{headerName: X, headerValue: {exact: y}}]}
                      - setMirrorRoute: {name: m, percentage: 10}
                      - plugin: {name: example, config: {a: 1}}
                """));
        assertEquals(List.of(new CanaryStep.Unmodelled("experiment"), new CanaryStep.Unmodelled("setHeaderRoute"),
                new CanaryStep.Unmodelled("setMirrorRoute"), new CanaryStep.Unmodelled("plugin")),
                ((RolloutStrategy.Canary) only(r).strategy()).steps());
        assertEquals(List.of(
                "m.yaml:18:9: warning: Rollout \"web\": step spec.strategy.canary.steps[0] (experiment) is not "
                        + "simulated: kubesim completes it at once",
                "m.yaml:19:9: warning: Rollout \"web\": step spec.strategy.canary.steps[1] (setHeaderRoute) is not "
                        + "simulated: kubesim completes it at once",
                "m.yaml:20:9: warning: Rollout \"web\": step spec.strategy.canary.steps[2] (setMirrorRoute) is not "
                        + "simulated: kubesim completes it at once",
                "m.yaml:21:9: warning: Rollout \"web\": step spec.strategy.canary.steps[3] (plugin) is not "
                        + "simulated: kubesim completes it at once"), warnings(r));
    }

    @Test
    @DisplayName("a misspelt field is an unknown-field warning at it, with a suggestion; the rest is read")
    void unknownFields() {
        Loaded<List<Manifest>> r = load(BASE.replace("      steps:", "      stableServise: web\n      steps:")
                .replace("{duration: 30s}", "{durration: 30s}"));
        assertEquals(List.of(
                "m.yaml:12:7: warning: unknown field \"spec.strategy.canary.stableServise\" in Rollout (ignored): did "
                        + "you mean \"stableService\"?",
                "m.yaml:15:17: warning: unknown field \"spec.strategy.canary.steps[1].pause.durration\" in Rollout "
                        + "(ignored): did you mean \"duration\"?"), warnings(r));
        assertEquals(new CanaryStep.Pause(null, ""), ((RolloutStrategy.Canary) only(r).strategy()).steps().get(1));
    }

    @Test
    @DisplayName("pod-template fields kubesim does not model are warned about as in a Deployment's template")
    void unmodelledTemplateFields() {
        Loaded<List<Manifest>> r = load(BASE.replace("spec: {containers:", "spec: {schedulingGates: [{name: q}], containers:"));
        assertEquals(1, r.warnings().size(), warnings(r)::toString);
        assertTrue(warnings(r).get(0).startsWith("m.yaml:9:12: warning: Rollout \"web\" spec.template.spec.schedulingGates"),
                warnings(r).get(0));
        assertEquals(1, r.value().size());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "replicas a string        | '  replicas: 10'                  | '  replicas: \"10\"'                | 5  | 13 | expected an integer, got a string (\"10\")",
            "setWeight a string       | 'setWeight: 20'                   | 'setWeight: twenty'                 | 13 | 20 | expected an integer, got a string (\"twenty\")",
            "pause duration a list    | '{duration: 30s}'                 | '{duration: [30s]}'                 | 14 | 27 | expected an integer or a string, got a list",
            "canary a list            | '    canary:'                     | '    canary: []\n    x:'            | 11 | 13 | expected a mapping, got a list",
            "steps a mapping          | '      steps:\n      - setWeight: 20' | '      steps: {setWeight: 20}\n      x:\n      - setWeight: 20' | 12 | 14 | expected a list, got a mapping",
            "paused not a boolean     | '  replicas: 10'                  | '  paused: sometimes'               | 5  | 11 | expected true or false, got a string (\"sometimes\")",
            "selector labels a list   | '{matchLabels: {app: web}}'       | '{matchLabels: [web]}'              | 6  | 27 | expected a mapping, got a list",
            "templateName missing     | '      - pause: {}'                | '      - analysis: {templates: [{clusterScope: true}]}' | 16 | 32 | spec.strategy.canary.steps[3].analysis.templates[0].templateName is required (the Rollout CRD's schema refuses a template reference without it)",
    })
    @DisplayName("a type the Rollout CRD's schema refuses is one located error (kubectl apply fails; exit 2)")
    void typeErrors(String name, String from, String to, int line, int column, String message) {
        String yaml = BASE.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertTrue(!yaml.equals(BASE), "the case changes the manifest");
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertEquals(1, e.errors().size(), e::getMessage);
        assertEquals("m.yaml:" + line + ":" + column + ": " + message, e.errors().get(0).format());
    }

    @Test
    @DisplayName("blueGreen without activeService is refused: the CRD lists it as required")
    void blueGreenWithoutActiveService() {
        InputException e = assertThrows(InputException.class,
                () -> load(withStrategy("  strategy:\n    blueGreen: {previewService: p}\n")));
        assertEquals("m.yaml:11:5: spec.strategy.blueGreen.activeService is required (the Rollout CRD's schema refuses "
                + "a blueGreen strategy without it)", e.errors().get(0).format());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "no strategy                  | '  strategy:\n    canary:\n      steps:\n      - setWeight: 20\n      - pause: {duration: 30s}\n      - setWeight: 50\n      - pause: {}\n' | '' | 4 | 1 | spec.strategy: Required value: Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'",
            "canary and blueGreen         | '    canary:' | '    blueGreen: {activeService: a}\n    canary:' | 10 | 3 | spec.strategy: Invalid value: \"blueGreen: true canary: true\": Multiple Strategies can not be listed",
            "active is the preview        | '    canary:\n      steps:\n      - setWeight: 20\n      - pause: {duration: 30s}\n      - setWeight: 50\n      - pause: {}\n' | '    blueGreen: {activeService: a, previewService: a}\n' | 11 | 17 | spec.strategy.blueGreen.activeService: Invalid value: \"a\": This rollout uses the same service for the active and preview services, but two different services are required.",
            "setWeight above 100          | 'setWeight: 50' | 'setWeight: 150' | 15 | 9 | spec.strategy.canary.steps[2].setWeight: Invalid value: 150: SetWeight needs to be between 0 and 100",
            "setWeight below 0            | 'setWeight: 50' | 'setWeight: -1' | 15 | 9 | spec.strategy.canary.steps[2].setWeight: Invalid value: -1: SetWeight needs to be between 0 and 100",
            "a step with two fields       | '- setWeight: 50' | '- {setWeight: 50, pause: {}}' | 15 | 9 | spec.strategy.canary.steps[2]: Invalid value: \"step.Experiment: false step.Pause: true step.SetWeight: true step.Analysis: false\": Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause",
            "an empty step                | '- setWeight: 50' | '- {}' | 15 | 9 | spec.strategy.canary.steps[2]: Invalid value: {}: Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause",
            "maxSurge and maxUnavailable 0| '      steps:' | '      maxSurge: 0\n      maxUnavailable: \"0%\"\n      steps:' | 12 | 7 | spec.strategy.canary.maxSurge: Invalid value: 0: MaxSurge and MaxUnavailable both can not be zero",
            "maxSurge not a percentage    | '      steps:' | '      maxSurge: lots\n      steps:' | 12 | 7 | spec.strategy.canary.maxSurge: Invalid value: \"lots\": must be an integer or a percentage such as 25%",
            "selector misses the labels   | '{matchLabels: {app: web}}' | '{matchLabels: {app: api}}' | 8 | 16 | spec.template.metadata.labels: Invalid value: map[app:web]: `selector` does not match template `labels`",
            "no selector                  | '  selector: {matchLabels: {app: web}}\n' | '' | 4 | 1 | spec.selector: Required value: Rollout has missing field '.spec.selector'",
            "an empty selector            | '{matchLabels: {app: web}}' | '{}' | 6 | 3 | spec.selector: Invalid value: {}: empty selector is invalid for deployment",
            "template and workloadRef     | '  template:' | '  workloadRef: {kind: Deployment, name: web}\n  template:' | 8 | 3 | spec.template: Internal error: template must be empty for workload reference rollout",
            "workloadRef to a StatefulSet | '  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: nginx}]}' | '  workloadRef: {apiVersion: apps/v1, kind: StatefulSet, name: web}' | 7 | 3 | spec.workloadRef: Invalid value: {apps/v1 StatefulSet web}: workload of type apps/v1/StatefulSet is not supported (Argo Rollouts reads only an apps/v1 Deployment)",
            "no containers                | '    spec: {containers: [{name: web, image: nginx}]}' | '    spec: {containers: []}' | 9 | 11 | spec.template: a pod spec needs at least one container (spec.containers)",
            "negative replicas            | 'replicas: 10' | 'replicas: -1' | 5 | 3 | spec.replicas: Invalid value: -1: must be greater than or equal to 0",
            "deadline within minReady     | '  replicas: 10' | '  minReadySeconds: 600' | 5 | 3 | spec.progressDeadlineSeconds: Invalid value: 600: must be greater than minReadySeconds",
            "routing without services     | '      steps:' | '      trafficRouting: {nginx: {stableIngress: web}}\n      steps:' | 11 | 5 | spec.strategy.canary.stableService: Invalid value: \"\": Canary service and Stable service must to be set to use Traffic Routing",
            "routing without canaryService| '      steps:' | '      stableService: s\n      trafficRouting: {alb: {ingress: web, servicePort: 80}}\n      steps:' | 11 | 5 | spec.strategy.canary.canaryService: Invalid value: \"\": Canary service and Stable service must to be set to use Traffic Routing",
            "same canary and stable       | '      steps:' | '      stableService: s\n      canaryService: s\n      steps:' | 12 | 7 | spec.strategy.canary.stableService: Invalid value: \"s\": This rollout uses the same service for the stable and canary services, but two different services are required.",
            "setCanaryScale, no routing   | '- setWeight: 50' | '- setCanaryScale: {replicas: 2}' | 11 | 5 | spec.strategy.canary.trafficRouting: Required value: SetCanaryScale requires TrafficRouting to be set",
            "scaleDownDelay, no routing   | '      steps:' | '      scaleDownDelaySeconds: 10\n      steps:' | 12 | 7 | spec.strategy.canary.scaleDownDelaySeconds: Invalid value: 10: Canary scaleDownDelaySeconds can only be used with traffic routing",
            "dynamicStableScale, no router| '      steps:' | '      dynamicStableScale: true\n      steps:' | 12 | 7 | spec.strategy.canary.dynamicStableScale: Invalid value: true: Canary dynamicStableScale can only be used with traffic routing",
            "maxTrafficWeight with SMI    | '      steps:' | '      canaryService: c\n      stableService: s\n      trafficRouting: {smi: {}, maxTrafficWeight: 1000}\n      steps:' | 14 | 33 | spec.strategy.canary.trafficRouting.maxTrafficWeight: Invalid value: 1000: Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins",
            "header route without router  | '- setWeight: 50' | '- setHeaderRoute: {name: h}' | 15 | 9 | spec.strategy.canary.steps[2].setHeaderRoute: Invalid value: {...}: SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix",
            "mirror route without Istio   | '      steps:\n      - setWeight: 20' | '      canaryService: c\n      stableService: s\n      trafficRouting: {nginx: {stableIngress: web}, managedRoutes: [{name: m}]}\n      steps:\n      - setMirrorRoute: {name: m, percentage: 10}' | 16 | 9 | spec.strategy.canary.steps[0].setMirrorRoute: Invalid value: {...}: SetMirrorRoute requires TrafficRouting, supports Istio and Plugins",
            "header route, no managedRoutes| '      steps:\n      - setWeight: 20' | '      canaryService: c\n      stableService: s\n      trafficRouting: {istio: {virtualService: {name: web}}}\n      steps:\n      - setHeaderRoute: {name: h}' | 14 | 7 | spec.strategy.canary.trafficRouting.managedRoutes: Required value: Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'",
            "setWeight above maxTrafficWeight | '      steps:\n      - setWeight: 20' | '      canaryService: c\n      stableService: s\n      trafficRouting: {nginx: {stableIngress: web}, maxTrafficWeight: 10}\n      steps:\n      - setWeight: 20' | 16 | 9 | spec.strategy.canary.steps[0].setWeight: Invalid value: 20: SetWeight needs to be between 0 and 10",
            "pingPong without pongService | '      steps:' | '      pingPong: {pingService: ping}\n      trafficRouting: {alb: {ingress: web, servicePort: 80, rootService: web}}\n      steps:' | 12 | 7 | spec.strategy.canary.pingPong: Invalid value: \"\": Ping service and Pong service must to be set to use Ping-Pong feature",
            "an unreadable pause          | '{duration: 30s}' | '{duration: soon}' | 14 | 17 | spec.strategy.canary.steps[1].pause.duration: Invalid value: -1: Duration needs to be greater than 0",
            "a negative pause             | '{duration: 30s}' | '{duration: -5}' | 14 | 17 | spec.strategy.canary.steps[1].pause.duration: Invalid value: -5: Duration needs to be greater than 0",
            "both anti-affinities         | '      steps:' | '      antiAffinity: {preferredDuringSchedulingIgnoredDuringExecution: {weight: 1}, requiredDuringSchedulingIgnoredDuringExecution: {}}\n      steps:' | 12 | 7 | spec.strategy.canary.antiAffinity: Invalid value: \"antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: true antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: true\": AntiAffinity must have exactly one strategy listed",
            "history below the limit      | '    canary:\n      steps:\n      - setWeight: 20\n      - pause: {duration: 30s}\n      - setWeight: 50\n      - pause: {}\n' | '    blueGreen: {activeService: a, scaleDownDelayRevisionLimit: 11}\n' | 11 | 35 | spec.strategy.blueGreen.scaleDownDelayRevisionLimit: Invalid value: 11: This rollout's revision history limit can not be smaller than the rollout's scale down limit",
    })
    @DisplayName("a spec Argo marks InvalidSpec is stored by the API server: one located warning quoting Argo, "
            + "and the Rollout is left out")
    void invalidSpecs(String name, String from, String to, int line, int column, String argoMessage) {
        String yaml = BASE.replace(from.replace("\\n", "\n"), to.replace("\\n", "\n"));
        assertTrue(!yaml.equals(BASE), "the case changes the manifest");
        Loaded<List<Manifest>> r = load(yaml);
        assertEquals(List.of(), r.value(), "left out");
        List<String> w = warnings(r).stream().filter(s -> !s.contains("unknown field")).toList();
        assertEquals(List.of("m.yaml:" + line + ":" + column + ": warning: Rollout \"web\" has an invalid spec ("
                + argoMessage + "): Argo Rollouts marks it InvalidSpec and runs no pods; kubesim leaves it out"), w);
    }

    @Test
    @DisplayName("a Service in front of an InvalidSpec Rollout's pods is warned about: those pods never exist")
    void serviceOfAnInvalidRollout() {
        Loaded<List<Manifest>> r = load(BASE.replace("setWeight: 50", "setWeight: 150") + """
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec: {selector: {app: web}, ports: [{port: 80}]}
                """);
        assertEquals(2, r.warnings().size(), warnings(r)::toString);
        assertTrue(warnings(r).get(1).contains("Rollout \"web\""), warnings(r).get(1));
    }

    @Test
    @DisplayName("a Rollout running an AnalysisTemplate that is not loaded: a warning at the reference")
    void missingAnalysisTemplate() {
        Loaded<List<Manifest>> r = load(BASE.replace("- pause: {}", "- analysis: {templates: [{templateName: success-rate}]}"));
        assertEquals(List.of("m.yaml:16:47: warning: Rollout \"web\" runs AnalysisTemplate \"success-rate\", which is "
                + "not in the input (namespace default): Argo Rollouts cannot run the analysis, the AnalysisRun ends in "
                + "phase Error and the rollout aborts; kubesim does the same"), warnings(r));
        assertEquals(1, r.value().size(), "the Rollout itself is valid");
    }
}
