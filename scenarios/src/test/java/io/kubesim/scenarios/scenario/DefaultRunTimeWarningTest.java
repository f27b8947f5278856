package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.ScenarioLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A newcomer gives the Jobs of a manifest set (ingress-nginx's admission Jobs) a run time through
 * {@code applications.default.runTime}; the set's Deployment, StatefulSet and DaemonSet inherit it,
 * and their containers (restartPolicy Always) exit and restart with the crash back-off. That is
 * what a real container that exits does, so kubesim runs it, but it warns, once per such workload,
 * at the workload, naming the field to use instead. A workload's own runTime is deliberate: no
 * warning.
 */
class DefaultRunTimeWarningTest {
    /** Lines: the Deployment at 2, the StatefulSet at 13, the DaemonSet at 25, the Job at 36. */
    static final String MANIFESTS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: controller, namespace: ingress}
            spec:
              selector: {matchLabels: {app: controller}}
              template:
                metadata: {labels: {app: controller}}
                spec:
                  containers:
                    - {name: controller, image: "nginx:1"}
            ---
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db, namespace: ingress}
            spec:
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db}}
                spec:
                  containers:
                    - {name: db, image: "postgres:17"}
            ---
            apiVersion: apps/v1
            kind: DaemonSet
            metadata: {name: agent, namespace: ingress}
            spec:
              selector: {matchLabels: {app: agent}}
              template:
                metadata: {labels: {app: agent}}
                spec:
                  containers:
                    - {name: agent, image: "agent:1"}
            ---
            apiVersion: batch/v1
            kind: Job
            metadata: {name: admission-create, namespace: ingress}
            spec:
              template:
                spec:
                  restartPolicy: OnFailure
                  containers:
                    - {name: create, image: "certgen:1"}
            """;

    @TempDir
    Path dir;

    private List<String> warnings(String applications) throws Exception {
        Files.writeString(dir.resolve("apps.yaml"), MANIFESTS);
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, """
                apiVersion: kubesim.io/v1alpha1
                kind: Scenario
                metadata: {name: rt}
                duration: 1m
                manifests: [apps.yaml]
                cluster:
                  nodePools:
                    - {name: pool, count: 1, allocatable: {cpu: "4", memory: 8Gi}}
                applications:
                """ + applications);
        return ScenarioLoader.load(file).warnings().stream()
                .filter(w -> w.message().contains("applications.default.runTime"))
                .map(w -> w.location().line() + " " + w.message()).toList();
    }

    private static String warning(int line, String kind, String key) {
        return line + " " + kind + " " + key + ": applications.default.runTime gives its containers a run time "
                + "too: with restartPolicy Always each one exits after it and is restarted, with the kubelet's crash "
                + "back-off; set runTime on the Jobs' own entries (applications.<job>.runTime) instead";
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "a default runTime                       | '  default: {runTime: 30s}\n'",
            "a default runTime, an entry without one | '  default: {runTime: 30s}\n  ingress/db: {startupTime: 5s}\n'"})
    @DisplayName("applications.default.runTime reaching restartPolicy Always pods: one warning per workload, at it")
    void warnsAtEachAlwaysWorkload(String name, String applications) throws Exception {
        assertEquals(List.of(
                warning(2, "Deployment", "ingress/controller"),
                warning(13, "StatefulSet", "ingress/db"),
                warning(25, "DaemonSet", "ingress/agent")), warnings(applications));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "runTime only on the Job        | '  ingress/admission-create: {runTime: 30s}\n'",
            "the workloads' own runTime     | '  ingress/controller: {runTime: 1m}\n  ingress/db: {runTime: 1m}\n  ingress/agent: {runTime: 1m}\n'",
            "default and own runTimes       | '  default: {runTime: 30s}\n  ingress/controller: {runTime: 1m}\n  ingress/db: {runTime: 1m}\n  ingress/agent: {runTime: 1m}\n'"})
    @DisplayName("No warning when no restartPolicy Always workload inherits the default's runTime")
    void quietOtherwise(String name, String applications) throws Exception {
        assertEquals(List.of(), warnings(applications));
    }
}
