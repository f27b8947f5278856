package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * summary.json's {@code workloads} as written: keyed {@code kind/name} (names namespace-qualified
 * when several namespaces are used), in kind then name order, the same fields for every kind, and
 * the {@code deployments} section kept beside it with the same figures.
 */
class WorkloadsSummaryJsonTest {
    private static final String MANIFESTS = """
            apiVersion: v1
            kind: ReplicationController
            metadata: {name: legacy, namespace: old}
            spec:
              replicas: 2
              template:
                metadata: {labels: {app: legacy}}
                spec: {containers: [{name: legacy, image: legacy:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: shop}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: web:1, resources: {requests: {cpu: 100m}}}]}
            ---
            apiVersion: apps/v1
            kind: ReplicaSet
            metadata: {name: front, namespace: shop}
            spec:
              replicas: 1
              selector: {matchLabels: {app: front}}
              template:
                metadata: {labels: {app: front}}
                spec: {containers: [{name: front, image: front:1, resources: {requests: {cpu: 100m}}}]}
            """;

    private static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata: {name: workloads-json}
            duration: 3m
            manifests: [m.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 2, allocatable: {cpu: "4", memory: 16Gi}}
            timeline:
              - {at: 60s, rollout: {deployment: shop/web}}
              - {at: 90s, scale: {replicaset: shop/front, replicas: 3}}
            """;

    static JsonNode summary;
    static List<String> timeseries;

    @BeforeAll
    static void run(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
        Files.writeString(dir.resolve("s.yaml"), SCENARIO);
        Path out = dir.resolve("out");
        CliHarness.Result r = CliHarness.run("run", dir.resolve("s.yaml").toString(), "--out", out.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("replicaset shop/front"), r.out());
        summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        timeseries = Files.readAllLines(out.resolve("timeseries.csv"));
    }

    @Test
    @DisplayName("Keys kind/ns/name, in kind then name order")
    void keysAndOrder() {
        List<String> keys = new ArrayList<>();
        summary.get("workloads").fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("Deployment/shop/web", "ReplicaSet/shop/front", "ReplicationController/old/legacy"), keys);
    }

    @Test
    @DisplayName("The same fields for every kind; a Deployment's agree with its deployments entry")
    void fieldsAgreeWithTheDeploymentsSection() {
        for (JsonNode w : summary.get("workloads")) {
            List<String> fields = new ArrayList<>();
            w.fieldNames().forEachRemaining(fields::add);
            assertEquals(List.of("kind", "name", "desired", "ready", "available", "minAvailable", "secondsBelowDesired", "rollouts"),
                    fields);
        }
        JsonNode w = summary.get("workloads").get("Deployment/shop/web");
        JsonNode d = summary.get("deployments").get("shop/web");
        assertEquals(d.get("desiredReplicas"), w.get("desired"));
        assertEquals(d.get("readyReplicas"), w.get("ready"));
        assertEquals(d.get("availableReplicas"), w.get("available"));
        assertEquals(d.get("minAvailableObserved"), w.get("minAvailable"));
        assertEquals(d.get("secondsBelowDesired"), w.get("secondsBelowDesired"));
        assertEquals(d.get("rollouts").size(), w.get("rollouts").get("count").asInt());
        assertEquals(d.get("rollouts").get(0).get("seconds"), w.get("rollouts").get("seconds").get(0));
    }

    @Test
    @DisplayName("A scaled ReplicaSet: desired 3 at the end, as its last workload_replicas_desired sample")
    void scaledReplicaSetMatchesItsSeries() {
        JsonNode front = summary.get("workloads").get("ReplicaSet/shop/front");
        assertEquals(0, front.get("rollouts").get("count").asInt());
        String last = null;
        for (String line : timeseries) {
            if (line.contains(",workload_replicas_desired,kind=ReplicaSet;workload=shop/front,")) {
                last = line;
            }
        }
        assertTrue(last != null, "a workload_replicas_desired series for the ReplicaSet");
        assertEquals(front.get("desired").asInt(), (int) Double.parseDouble(last.substring(last.lastIndexOf(',') + 1)));
        assertEquals(3, front.get("desired").asInt());
    }
}
