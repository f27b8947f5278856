package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code explain --failures} on a caller whose one callee's node fails: while the node is
 * unreachable the calls hang and the caller's workers wait (full queue, timeouts); once the
 * callee has no endpoint at all its calls fail at once (k8s-semantics.md 17.5), and those
 * failures are the callee's, told apart from the wait.
 */
class ExplainCalleeOutageTest {
    private static final Pattern COUNT = Pattern.compile(": ([0-9,]+) requests failed \\(");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("the hung calls' queue and the callee's outage after it are two causes, their counts the whole")
    void waitThenCalleeOutage() throws IOException {
        Files.writeString(tmp.resolve("app.yaml"), served("frontend", "web") + "---\n" + served("backend", "db"));
        Files.writeString(tmp.resolve("s.yaml"), """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: callee-down}
                seed: 5
                duration: 12m
                manifests: [app.yaml]
                cluster:
                  nodePools:
                    - {name: web, count: 1, allocatable: {cpu: "2", memory: 8Gi}, labels: {tier: web}}
                    - {name: db, count: 2, allocatable: {cpu: "2", memory: 8Gi}, labels: {tier: db}}
                applications:
                  default:
                    imagePullTime: 2s
                    startupTime: 2s
                  frontend:
                    serving:
                      concurrency: 16
                      queueLimit: 50
                      serviceTime: 2ms
                      calls: [{service: backend}]
                  backend:
                    serving: {serviceTime: 5ms}
                traffic:
                  - service: frontend
                    arrivals: {constant: 50}
                    startAt: 30s
                timeline:
                  - at: 2m
                    failBusiestNode: {deployment: backend}
                """);
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", tmp.resolve("s.yaml").toString(), "--out", out.toString(), "-q",
                "--decisions");
        assertEquals(0, r.exitCode(), r.err());
        String text = CliHarness.explain(out, "--failures", "frontend");
        String waited = line(text, "Cause: while pod frontend-");
        String callee = line(text, "Cause: calls that pod frontend-");
        assertTrue(waited.contains("so the requests behind them queued: "), waited);
        assertTrue(callee.endsWith("requests failed (dependency_failed); at the same time requests of backend failed."),
                callee);
        long failed = new ObjectMapper().readTree(out.resolve("summary.json").toFile())
                .at("/services/frontend/failed").asLong();
        assertEquals(failed, count(waited) + count(callee), text);
        assertTrue(count(callee) > count(waited), "most of them fail fast while backend has no endpoint: " + text);
    }

    /** A one-replica Deployment on the nodes labelled {@code tier}, and its Service. */
    private static String served(String name, String tier) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: NAME}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: NAME}}
                  template:
                    metadata: {labels: {app: NAME}}
                    spec:
                      nodeSelector: {tier: TIER}
                      containers:
                        - name: app
                          image: NAME:1
                          ports: [{containerPort: 8080}]
                          resources: {requests: {cpu: 100m, memory: 128Mi}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: NAME}
                spec: {selector: {app: NAME}, ports: [{port: 80, targetPort: 8080}]}
                """.replace("NAME", name).replace("TIER", tier);
    }

    private static String line(String text, String prefix) {
        for (String l : text.split("\n")) {
            if (l.startsWith(prefix)) {
                return l;
            }
        }
        throw new AssertionError("no line starting " + prefix + " in\n" + text);
    }

    private static long count(String cause) {
        Matcher m = COUNT.matcher(cause);
        assertTrue(m.find(), cause);
        return Long.parseLong(m.group(1).replace(",", ""));
    }
}
