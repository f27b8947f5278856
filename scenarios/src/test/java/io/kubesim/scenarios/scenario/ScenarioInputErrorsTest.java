package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad scenario file ends in one {@link InputException} with file, line, column and
 * what was expected. Unknown fields are errors here (the file is the user's own configuration).
 */
class ScenarioInputErrorsTest {
    /** Line numbers below refer to this text. */
    static final String BASE = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: t
            duration: 10m
            manifests: [web.yaml]
            cluster:
              nodePools:
                - name: pool-a
                  count: 3
                  allocatable: {cpu: "4", memory: 16Gi}
            applications:
              web: {startupTime: 5s}
            timeline:
              - at: 1m
                scale: {deployment: web, replicas: 2}
            """;

    static final String WEB = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB);
    }

    static Stream<Arguments> badScenarios() {
        return Stream.of(
                Arguments.of("malformed YAML", BASE.replace("name: t", "name: [t"), 5, 9,
                        "invalid YAML: expected ',' or ']', but got :"),
                Arguments.of("unknown top-level field with suggestion", BASE.replace("duration: 10m", "duraton: 10m"), 5, 1,
                        "unknown field \"duraton\" in Scenario: did you mean \"duration\"?"),
                Arguments.of("unknown field without a close name", BASE.replace("metadata:\n", "metadata:\n  owner: me\n"),
                        4, 3, "unknown field \"owner\" in Metadata (expected one of name, description)"),
                Arguments.of("unknown pool field", BASE.replace("      count: 3", "      count: 3\n      cout: 4"), 11, 7,
                        "unknown field \"cout\" in NodePool: did you mean \"count\"?"),
                Arguments.of("wrong apiVersion", BASE.replace("kubesim.io/v1alpha1", "kubesim.io/v1"), 1, 13,
                        "expected apiVersion: kubesim.io/v1alpha1, got \"kubesim.io/v1\""),
                Arguments.of("missing duration", BASE.replace("duration: 10m\n", ""), 1, 1,
                        "missing required field \"duration\""),
                Arguments.of("bare number duration", BASE.replace("duration: 10m", "duration: 30"), 5, 11,
                        "expected a duration with a unit such as 30s, 5m or 1h30m, got a bare number (30)"),
                Arguments.of("negative duration", BASE.replace("duration: 10m", "duration: -10m"), 5, 11,
                        "duration must not be negative, got \"-10m\""),
                Arguments.of("zero duration", BASE.replace("duration: 10m", "duration: 0s"), 5, 11,
                        "expected a duration greater than 0, got 0s"),
                Arguments.of("seed as text", BASE.replace("duration: 10m", "duration: 10m\nseed: abc"), 6, 7,
                        "expected an integer, got a string (\"abc\")"),
                Arguments.of("node count negative", BASE.replace("count: 3", "count: -2"), 10, 14,
                        "expected an integer from 0 to 100000, got -2"),
                Arguments.of("node count as words", BASE.replace("count: 3", "count: three"), 10, 14,
                        "expected an integer, got a string (\"three\")"),
                Arguments.of("invalid cpu quantity", BASE.replace("cpu: \"4\"", "cpu: 4x"), 11, 26,
                        "invalid quantity \"4x\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 4, 500m, 16Gi)"),
                Arguments.of("allocatable without memory", BASE.replace(", memory: 16Gi", ""), 11, 7,
                        "missing required field \"memory\" in allocatable"),
                Arguments.of("unknown resource", BASE.replace("memory: 16Gi", "memory: 16Gi, gpu: 1"), 11, 45,
                        "unknown resource \"gpu\" (expected cpu, memory, ephemeral-storage, pods, hugepages-<size> or a "
                                + "domain-prefixed extended resource such as nvidia.com/gpu)"),
                Arguments.of("taint effect", BASE.replace("      count: 3", "      count: 3\n      taints: [{key: k, effect: NoExec}]"),
                        11, 33, "expected NoSchedule, PreferNoSchedule or NoExecute, got \"NoExec\""),
                Arguments.of("missing manifest file", BASE.replace("[web.yaml]", "[nope.yaml]"), 6, 13,
                        "no such file or directory: "),
                Arguments.of("timeline names a missing deployment", BASE.replace("deployment: web,", "deployment: wbe,"),
                        16, 25, "no Deployment named \"wbe\" in the scenario's manifests: did you mean \"web\"?"),
                Arguments.of("timeline names a missing pool",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "addNodes: {pool: pool-b, count: 1}"), 16, 22,
                        "no node pool named \"pool-b\": did you mean \"pool-a\"? (pools: pool-a)"),
                Arguments.of("cordon of a node that does not exist yet",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "cordon: {nodes: [pool-a-4]}"), 16, 22,
                        "no node named \"pool-a-4\" at this time: nodes are named <pool>-<n>, n from 1 to the pool's "
                                + "size ([pool-a-1..pool-a-3])"),
                Arguments.of("two actions in one entry",
                        BASE.replace("replicas: 2}", "replicas: 2}\n    cordon: {nodes: [pool-a-1]}"), 15, 5,
                        "expected exactly one action per timeline entry, got scale and cordon"),
                Arguments.of("no action", BASE.replace("    scale: {deployment: web, replicas: 2}\n", ""), 15, 5,
                        "expected one action besides at: one of rollout, undo, pause, resume, promote, abort, retry, apply, patch, scale, addNodes, removeNodes, cordon, uncordon, "
                                + "drain, upgrade, failNodes, failZone, failBusiestNode, failBusiestZone, recoverNodes, "
                                + "recoverZone"),
                Arguments.of("drain of a node that does not exist",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "drain: {node: pool-a-9}"), 16, 19,
                        "no node named \"pool-a-9\" at this time: nodes are named <pool>-<n>, n from 1 to the pool's "
                                + "size ([pool-a-1..pool-a-3])"),
                Arguments.of("drain grace period in milliseconds",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "drain: {node: pool-a-1, gracePeriod: 1500ms}"),
                        16, 42, "expected whole seconds (a grace period is in seconds), got 1500ms"),
                Arguments.of("drain timeout zero",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "drain: {node: pool-a-1, timeout: 0s}"),
                        16, 38, "expected a duration greater than 0, got 0s"),
                Arguments.of("upgrade of a missing pool",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "upgrade: {pool: pool-b}"), 16, 21,
                        "no node pool named \"pool-b\": did you mean \"pool-a\"? (pools: pool-a)"),
                Arguments.of("upgrade with maxSurge and maxUnavailable 0",
                        BASE.replace("scale: {deployment: web, replicas: 2}",
                                "upgrade: {pool: pool-a, maxSurge: 0, maxUnavailable: 0}"), 16, 14,
                        "maxSurge and maxUnavailable may not both be 0: the upgrade could replace no node"),
                Arguments.of("negative provisioning time",
                        BASE.replace("allocatable: {cpu: \"4\", memory: 16Gi}",
                                "allocatable: {cpu: \"4\", memory: 16Gi}\n      provisioningTime: -5s"), 12, 25,
                        "duration must not be negative, got \"-5s\""),
                Arguments.of("recoverNodes of a node that does not exist",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "recoverNodes: {nodes: [pool-b-1]}"), 16, 28,
                        "no node named \"pool-b-1\" at this time: nodes are named <pool>-<n>, n from 1 to the pool's "
                                + "size ([pool-a-1..pool-a-3])"),
                Arguments.of("recoverZone of an unknown zone",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "recoverZone: {zone: zone-x}"), 16, 25,
                        "no zone named \"zone-x\" (no node pool has zones)"),
                Arguments.of("failNodes of a node that does not exist",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failNodes: {nodes: [pool-a-9]}"), 16, 25,
                        "no node named \"pool-a-9\" at this time: nodes are named <pool>-<n>, n from 1 to the pool's "
                                + "size ([pool-a-1..pool-a-3])"),
                Arguments.of("failNodes with both nodes and a pool",
                        BASE.replace("scale: {deployment: web, replicas: 2}",
                                "failNodes: {pool: pool-a, count: 1, nodes: [pool-a-1]}"), 16, 16,
                        "expected either nodes: [names] or pool and count"),
                Arguments.of("failNodes of an unknown pool",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failNodes: {pool: pool-b, count: 1}"), 16, 23,
                        "no node pool named \"pool-b\": did you mean \"pool-a\"? (pools: pool-a)"),
                Arguments.of("failNodes with a negative count",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failNodes: {pool: pool-a, count: -1}"), 16, 38,
                        "expected an integer from 1 to 100000, got -1"),
                Arguments.of("failZone of a zone no pool has",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failZone: {zone: zone-x}"), 16, 22,
                        "no zone named \"zone-x\" (no node pool has zones)"),
                Arguments.of("failZone with a misspelt zone",
                        BASE.replace("      count: 3", "      count: 3\n      zones: [zone-a, zone-b]").replace(
                                "scale: {deployment: web, replicas: 2}", "failZone: {zone: zone-c}"), 17, 22,
                        "no zone named \"zone-c\": did you mean \"zone-a\"? (zones: zone-a, zone-b)"),
                Arguments.of("failBusiestNode of an unknown pool",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failBusiestNode: {pool: pool-b}"), 16, 29,
                        "no node pool named \"pool-b\": did you mean \"pool-a\"? (pools: pool-a)"),
                Arguments.of("failBusiestZone with a field",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failBusiestZone: {zone: zone-a}"), 16, 23,
                        "unknown field \"zone\": FailBusiestZone takes no fields (write {})"),
                Arguments.of("failZone without a zone",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "failZone: {}"), 16, 5,
                        "missing required field \"zone\""),
                Arguments.of("negative nodeMonitorGracePeriod",
                        BASE.replace("duration: 10m", "duration: 10m\ncontrolPlane: {nodeMonitorGracePeriod: -5s}"), 6, 40,
                        "duration must not be negative, got \"-5s\""),
                Arguments.of("nodeMonitorGracePeriod as a bare number",
                        BASE.replace("duration: 10m", "duration: 10m\ncontrolPlane: {nodeMonitorGracePeriod: 40}"), 6, 40,
                        "expected a duration with a unit such as 40s, 5m or 1h30m, got a bare number (40)"),
                Arguments.of("zero nodeMonitorGracePeriod",
                        BASE.replace("duration: 10m", "duration: 10m\ncontrolPlane: {nodeMonitorGracePeriod: 0s}"), 6, 40,
                        "expected a duration greater than 0, got 0s"),
                Arguments.of("unknown controlPlane field",
                        BASE.replace("duration: 10m", "duration: 10m\ncontrolPlane: {nodeMonitorGrace: 40s}"), 6, 16,
                        "unknown field \"nodeMonitorGrace\" in ControlPlane: did you mean \"nodeMonitorGracePeriod\"?"),
                Arguments.of("negative replicas", BASE.replace("replicas: 2", "replicas: -1"), 16, 40,
                        "expected an integer from 0 to 1000000, got -1"),
                Arguments.of("scale of a StatefulSet the manifests do not have",
                        BASE.replace("deployment: web,", "statefulset: db,"), 16, 26,
                        "no StatefulSet named \"db\" in the scenario's manifests (the manifests define none)"),
                Arguments.of("scale of a ReplicaSet named like a Deployment",
                        BASE.replace("deployment: web,", "replicaset: web,"), 16, 25,
                        "no ReplicaSet named \"web\" in the scenario's manifests (the manifests define none)"),
                Arguments.of("scale naming two workloads",
                        BASE.replace("deployment: web,", "deployment: web, replicationcontroller: web,"), 16, 5,
                        "expected one workload to scale, got deployment and replicationcontroller"),
                Arguments.of("scale naming no workload", BASE.replace("deployment: web, ", ""), 16, 5,
                        "expected what to scale: one of deployment, replicaset, replicationcontroller, statefulset"),
                Arguments.of("rollbackOn with no condition",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "rollout: {deployment: web, rollbackOn: {for: 1m}}"),
                        16, 44, "expected at least one condition: errorRatio, p99Ms or progressDeadlineExceeded: true"),
                Arguments.of("rollbackOn with an error ratio above 100 %",
                        BASE.replace("scale: {deployment: web, replicas: 2}",
                                "rollout: {deployment: web, rollbackOn: {errorRatio: 150%}}"),
                        16, 57, "expected a share of requests above 0 and at most 1 (or 100%), got 150%"),
                Arguments.of("undo of an unknown Deployment",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "undo: {deployment: wbe}"),
                        16, 24, "no Deployment named \"wbe\" in the scenario's manifests: did you mean \"web\"?"),
                Arguments.of("rollout of an unknown container",
                        BASE.replace("scale: {deployment: web, replicas: 2}", "rollout: {deployment: web, images: {wbe: x}}"),
                        16, 41, "Deployment default/web has no container \"wbe\": did you mean \"web\"? (containers: web)"),
                Arguments.of("application for an unknown workload", BASE.replace("  web: {startupTime", "  wbe: {startupTime"),
                        13, 3, "no Deployment, StatefulSet, ReplicaSet, ReplicationController, DaemonSet, Pod, Job, CronJob or Rollout named \"wbe\" in the scenario's manifests: did you mean \"web\"?"),
                Arguments.of("unknown distribution",
                        BASE.replace("{startupTime: 5s}", "{startupTime: {gamma: {k: 1}}}"), 13, 23,
                        "unknown field \"gamma\" in Distribution (expected one of lognormal, uniform, normal, exponential, empirical)"),
                Arguments.of("lognormal p99 below median",
                        BASE.replace("{startupTime: 5s}", "{startupTime: {lognormal: {median: 5s, p99: 1s}}}"), 13, 52,
                        "p99 must not be less than the median"),
                Arguments.of("duplicate pool", BASE.replace("  timeline", "  timeline").replace(
                        "      allocatable: {cpu: \"4\", memory: 16Gi}\n",
                        "      allocatable: {cpu: \"4\", memory: 16Gi}\n    - name: pool-a\n      count: 1\n"
                                + "      allocatable: {cpu: \"4\", memory: 16Gi}\n"), 12, 13,
                        "duplicate node pool name \"pool-a\""),
                Arguments.of("pool image with a space", BASE.replace("      allocatable: {cpu: \"4\", memory: 16Gi}\n",
                        "      allocatable: {cpu: \"4\", memory: 16Gi}\n      images: [nginx, \"my app:1\"]\n"), 12, 23,
                        "expected an image reference (e.g. nginx:1.27), got \"my app:1\""),
                Arguments.of("pool images not a list", BASE.replace("      allocatable: {cpu: \"4\", memory: 16Gi}\n",
                        "      allocatable: {cpu: \"4\", memory: 16Gi}\n      images: nginx\n"), 12, 15,
                        "expected a list, got a string (\"nginx\")"),
                Arguments.of("two documents", BASE + "---\na: 1\n", 18, 1,
                        "a scenario file holds one YAML document; put manifests in their own files and list them under manifests"),
                Arguments.of("a manifest given as the scenario", WEB, 2, 7, MANIFEST_NOT_SCENARIO.formatted("Deployment")),
                Arguments.of("a manifest set given as the scenario", WEB + "---\n" + WEB.replace("name: web", "name: api"),
                        2, 7, MANIFEST_NOT_SCENARIO.formatted("Deployment")),
                Arguments.of("a JSON List given as the scenario", "{\"apiVersion\": \"v1\",\n \"kind\": \"List\", \"items\": []}",
                        2, 10, MANIFEST_NOT_SCENARIO.formatted("List")));
    }

    /** What {@code kubesim run deployment.yaml} says. */
    private static final String MANIFEST_NOT_SCENARIO = "expected kind: Scenario, got \"%s\": this is a Kubernetes "
            + "manifest, not a scenario; name its file under manifests: in a scenario file (kubesim validate checks "
            + "manifests on their own)";

    @ParameterizedTest(name = "{0}")
    @MethodSource("badScenarios")
    void badScenarioIsOneLocatedError(String name, String text, int line, int column, String message) throws Exception {
        assertOneLocatedError(dir, text, line, column, message);
    }

    /**
     * Loading {@code text} as a scenario in {@code dir} fails with one InputException at this line
     * and column with this message (a message ending in ": " is a prefix).
     */
    static void assertOneLocatedError(Path dir, String text, int line, int column, String message) throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, text);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file));
        assertEquals(file.toString(), e.file(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
        if (message.endsWith(": ")) {
            assertEquals(message, e.detail().substring(0, message.length()), e.format());
        } else {
            assertEquals(message, e.detail(), e.format());
        }
    }

    @Test
    void theBaseScenarioIsValid() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, BASE);
        assertEquals("t", ScenarioLoader.load(file).value().name());
    }

    @Test
    void missingScenarioFile() {
        Path file = dir.resolve("missing.yaml");
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file));
        assertEquals(file + ": no such file", e.format());
    }

    @Test
    void directoryInsteadOfAFile() {
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(dir));
        assertEquals(dir + ": is a directory, expected a scenario file (*.yaml)", e.format());
    }

    @Test
    void emptyScenarioFile() throws Exception {
        Path file = dir.resolve("empty.yaml");
        Files.writeString(file, "# nothing here\n");
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file));
        assertEquals(file + ": empty scenario file: expected apiVersion: kubesim.io/v1alpha1 and kind: Scenario",
                e.format());
    }

    @Test
    void errorsInNamedManifestsPointIntoTheManifest() throws Exception {
        Files.writeString(dir.resolve("web.yaml"), WEB.replace("image: nginx", "image: nginx, resources: {limits: {memory: 12Q}}"));
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, BASE);
        InputException e = assertThrows(InputException.class, () -> ScenarioLoader.load(file));
        assertEquals(dir.resolve("web.yaml").toString(), e.file());
        assertEquals(8, e.line());
        assertEquals(80, e.column(), "at the 12Q");
    }
}
