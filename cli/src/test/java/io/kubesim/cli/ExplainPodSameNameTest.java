package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --pod} on a StatefulSet member, whose name outlives its pods (k8s-semantics.md
 * 11.7: the controller makes the identity again once its pod is gone): the steps and the
 * conclusion after a re-creation are the new pod's, and the end of the one before it comes first
 * even when both happen in one instant.
 */
class ExplainPodSameNameTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    private Path run(String scenario, String dir) {
        Path out = tmp.resolve(dir);
        CliHarness.Result r = CliHarness.run("run", scenario, "--out", out.toString(), "-q", "--decisions");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    @Test
    @DisplayName("statefulset-node-failure: the member recreated after its node was deleted is explained as the new pod")
    void recreatedMemberIsTheNewPod() throws IOException {
        Path out = run(CliHarness.library("statefulset-node-failure.yaml"), "node");
        String member = null;
        for (String line : Files.readAllLines(out.resolve("events.jsonl"))) {
            JsonNode e = JSON.readTree(line);
            if (member == null && e.get("reason").asText().equals("Scheduled")
                    && e.get("object").asText().startsWith("Pod/default/orders-db-")
                    && e.get("message").asText().endsWith(" to pool-b-1")) {
                member = e.get("object").asText().substring("Pod/default/".length());
            }
        }
        String text = CliHarness.explain(out, "--pod", member);
        assertTrue(text.contains("created by StatefulSet orders-db: a new pod of this name (the one before it: evicted "
                + "by the taint manager (node.kubernetes.io/unreachable:NoExecute, tolerated for 5m) at 8:55.0)"), text);
        assertTrue(text.contains("\nAt 30:00.0: running on spare-b-1 since "), text);
        assertFalse(text.contains("Pending for -"), text);

        // between its re-creation and the force detach it waits on its volume, on its new node
        String waiting = CliHarness.explain(out, "--pod", member, "--at", "15m");
        assertTrue(waiting.contains("\nAt 15:00.0: scheduled to spare-b-1 at 12:40.0, never started"), waiting);
        assertTrue(waiting.contains("\nWaiting since ") && waiting.contains("FailedMount"), waiting);
        assertFalse(waiting.contains("it ran on pool-b-1"), waiting);
    }

    @Test
    @DisplayName("a member whose app exits at SIGTERM is made again in the same instant: its end comes first; "
            + "a pod behind two Services says whose proxy update each is")
    void sameInstant() throws IOException {
        Files.writeString(tmp.resolve("db.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: db-hs}
                spec:
                  clusterIP: None
                  selector: {app: db}
                  ports: [{port: 5432}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: db}
                spec:
                  selector: {app: db}
                  ports: [{port: 5432}]
                ---
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db}
                spec:
                  serviceName: db-hs
                  replicas: 1
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec:
                      containers:
                        - name: db
                          image: postgres:17
                          ports: [{containerPort: 5432}]
                          resources: {requests: {cpu: 500m, memory: 1Gi}}
                """);
        Files.writeString(tmp.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: db-drain}
                seed: 3
                duration: 5m
                manifests: [db.yaml]
                cluster:
                  nodePools:
                    - {name: pool-a, count: 1, allocatable: {cpu: "2", memory: 8Gi}}
                applications:
                  db:
                    imagePullTime: 2s
                    startupTime: 3s
                    serving: {concurrency: 20, serviceTime: 5ms}
                traffic:
                  - service: db
                    arrivals: {steps: [{at: 0s, rate: 0}, {at: 30s, rate: 20}]}
                timeline:
                  - at: 1m
                    addNodes: {pool: pool-a, count: 1}
                  - at: 2m1s
                    drain: {node: pool-a-1}
                """);
        Path out = run(tmp.resolve("s.yaml").toString(), "db");
        String text = CliHarness.explain(out, "--pod", "db-0");
        int stopping = text.indexOf("Stopping pod (drain of node pool-a-1)");
        int recreated = text.indexOf("created by StatefulSet db: a new pod of this name (the one before it: stopped "
                + "by the kubelet (drain of node pool-a-1) at 2:01.0)");
        assertTrue(stopping > 0 && recreated > stopping, text);
        assertTrue(text.contains("\n     2:01.0  created by StatefulSet db: a new pod"), "the same instant: " + text);
        assertTrue(text.contains("\nAt 5:00.0: running on pool-a-2 since "), text);
        assertTrue(text.contains(" for Service default/db, ") && text.contains(" for Service default/db-hs, "), text);
    }
}
