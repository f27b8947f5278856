package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.TimelineAction;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code rollout: {daemonset: NAME}}: a DaemonSet's rolling update from a scenario's timeline. */
class DaemonSetRolloutTimelineTest {
    private static final String AGENT = """
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: kube-system}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec: {containers: [{name: agent, image: "agent:1"}]}
            """;

    /** The rollout entry is on line 16. */
    private static String scenario(String rollout) {
        return ScenarioInputErrorsTest.BASE.replace("    scale: {deployment: web, replicas: 2}", "    rollout: " + rollout)
                .replace("manifests: [web.yaml]", "manifests: [web.yaml, agent.yaml]");
    }

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifests() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), ScenarioInputErrorsTest.WEB);
        Files.writeString(dir.resolve("agent.yaml"), AGENT);
    }

    @Test
    void aDaemonSetRollout() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, scenario("{daemonset: agent, images: {agent: \"agent:2\"}}"));
        List<TimelineAction> timeline = ScenarioLoader.load(file).value().timeline();
        assertEquals(List.of(new TimelineAction.RolloutDaemonSet(SimTime.minutes(1), "agent", Map.of("agent", "agent:2"))),
                timeline);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no such DaemonSet | {daemonset: agnet} | 16 | 26 | no DaemonSet named \"agnet\" in the scenario's manifests: did you mean \"agent\"?",
        "a Deployment's name | {daemonset: web} | 16 | 26 | no DaemonSet named \"web\" in the scenario's manifests",
        "both kinds named | {deployment: web, daemonset: agent} | 16 | 32 | a rollout names one of deployment, statefulset, daemonset and rollout, got deployment and daemonset",
        "no such container | {daemonset: agent, images: {agnet: \"x:1\"}} | 16 | 42 | DaemonSet kube-system/agent has no container \"agnet\": did you mean \"agent\"? (containers: agent)",
    })
    void badRollout(String name, String rollout, int line, int column, String message) throws Exception {
        ScenarioInputErrorsTest.assertOneLocatedError(dir, scenario(rollout), line, column, message);
    }
}
