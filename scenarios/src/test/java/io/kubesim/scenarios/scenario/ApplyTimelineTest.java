package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Manifest;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.sim.TimelineAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code apply: {manifests: [...]}}: a helm upgrade of several objects at once, mid-run. */
class ApplyTimelineTest {
    private static final String UPGRADE = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: "nginx:1.27"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec:
              selector: {app: web}
              ports: [{port: 80}]
            ---
            apiVersion: policy/v1
            kind: PodDisruptionBudget
            metadata: {name: web}
            spec:
              maxUnavailable: 1
              selector: {matchLabels: {app: web}}
            ---
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: web}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
              maxReplicas: 6
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifests() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Files.writeString(dir.resolve("v2.yaml"), UPGRADE);
    }

    private static String scenario(String apply) {
        return ScenarioInputErrorsTest.BASE.replace("    scale: {deployment: web, replicas: 2}", "    apply: " + apply);
    }

    @Test
    void theUpgradeRunsAndWhatCannotBeAppliedMidRunIsAWarning() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario("{manifests: [v2.yaml]}"));
        Loaded<SimulationSpec> loaded = ScenarioLoader.load(file);
        TimelineAction.Apply apply = (TimelineAction.Apply) loaded.value().timeline().get(0);
        assertEquals("v2.yaml", apply.target());
        assertEquals(List.of("Deployment", "Service", "PodDisruptionBudget"),
                apply.manifests().stream().map(Manifest::kind).toList(), "the HPA is left out");
        List<String> warnings = loaded.warnings().stream().map(Diagnostic::message).toList();
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("HorizontalPodAutoscaler \"default/web\" (")
                && w.endsWith("is new: kubesim reads its HorizontalPodAutoscalers when the run starts, so one applied "
                + "mid-run is not simulated; list it under the scenario's manifests")), warnings.toString());

        ClusterSimulation sim = new ClusterSimulation(loaded.value(), ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(3));
        assertEquals(4, sim.store().deployments().get("default/web").replicas());
        assertTrue(sim.store().pods().list().stream().filter(p -> !p.isTerminal())
                .allMatch(p -> p.spec().containers().get(0).image().equals("nginx:1.27")));
        assertTrue(sim.store().services().get("default/web") != null, "a new Service is created");
        assertTrue(sim.store().podDisruptionBudgets().get("default/web") != null, "and a new PDB");
        assertEquals("apply", sim.result().actions().get(0).kind());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no file named | {} | 16 | 5 | missing required field \"manifests\"",
        "not a list | {manifests: v2.yaml} | 16 | 24 | expected a list, got a string (\"v2.yaml\")",
    })
    void badApply(String name, String apply, int line, int column, String message) throws Exception {
        ScenarioInputErrorsTest.assertOneLocatedError(dir, scenario(apply), line, column, message);
    }

    @Test
    void aMissingFileIsALocatedError() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario("{manifests: [v3.yaml]}"));
        io.kubesim.scenarios.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.kubesim.scenarios.InputException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":16:25: no such file or directory: "), e.getMessage());
        assertTrue(e.getMessage().endsWith("v3.yaml"), e.getMessage());
    }

    @Test
    void aMergePatchChangesOneFieldOfAnObjectAndCanBeRepeated() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("""
                  - at: 1m
                    scale: {deployment: web, replicas: 2}
                """, """
                  - at: 1m
                    patch: {object: deployment/web, merge: {spec: {replicas: 3}}}
                  - at: 2m
                    patch: {object: deploy/default/web, merge: {spec: {template: {spec: {containers: [{name: web, image: "nginx:2"}]}}}}}
                """));
        SimulationSpec spec = ScenarioLoader.load(file).value();
        TimelineAction.Apply second = (TimelineAction.Apply) spec.timeline().get(1);
        Manifest.DeploymentManifest web = (Manifest.DeploymentManifest) second.manifests().get(0);
        assertEquals(3, web.replicas(), "the second patch starts from the first's result");
        assertEquals("nginx:2", web.template().spec().containers().get(0).image());
        assertEquals("patch", second.verb());
        assertEquals("deploy/default/web", second.target());
        ClusterSimulation sim = new ClusterSimulation(spec, ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(4));
        assertEquals(3, sim.store().pods().list().stream().filter(p -> !p.isTerminal())
                .filter(p -> p.spec().containers().get(0).image().equals("nginx:2")).count());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown kind | {object: configmap/web, merge: {data: {}}} | 16 | 21 | expected KIND/NAME or KIND/NAMESPACE/NAME with KIND one of deployment, rollout, statefulset, daemonset, service, poddisruptionbudget, got \"configmap/web\"",
        "no such object | {object: deployment/wbe, merge: {spec: {}}} | 16 | 21 | no Deployment named \"wbe\" in the scenario's manifests",
        "an invalid result | {object: deployment/web, merge: {spec: {replicas: -1}}} | 16 | 44 | the patched Deployment is not valid: replicas must be greater than or equal to 0, got -1",
        "both forms | {object: deployment/web, merge: {}, service: web, selector: {a: b}} | 16 | 13 | a patch names an object and a merge patch, or a service and a selector, not both",
    })
    void badMergePatch(String name, String patch, int line, int column, String message) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, ScenarioInputErrorsTest.BASE.replace("    scale: {deployment: web, replicas: 2}",
                "    patch: " + patch));
        io.kubesim.scenarios.InputException e = org.junit.jupiter.api.Assertions.assertThrows(
                io.kubesim.scenarios.InputException.class, () -> ScenarioLoader.load(file));
        assertTrue(e.getMessage().startsWith(file + ":" + line + ":" + column + ": " + message), e.getMessage());
    }
}
