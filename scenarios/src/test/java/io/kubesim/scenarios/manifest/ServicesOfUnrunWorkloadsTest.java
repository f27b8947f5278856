package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.SharedFiles;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A Service in front of the pods of a workload kubesim skips (StatefulSet, DaemonSet,
 * an Argo Rollout ...) has endpoints on a cluster but none in the simulation: requests
 * to it fail with no_endpoints. The loader says so at the Service's selector, so that a
 * prediction never silently fails traffic a cluster would serve (issue 11: "a Service with no
 * endpoints that a real cluster would have").
 */
class ServicesOfUnrunWorkloadsTest {
    private static final String STATEFUL_SET = """
            apiVersion: apps/v1
            kind: StatefulSet
            metadata: {name: db}
            spec:
              replicas: 3
              serviceName: db
              selector: {matchLabels: {app: db}}
              template:
                metadata: {labels: {app: db, tier: data}}
                spec: {containers: [{name: db, image: "postgres:16"}]}
            """;

    private static String service(String name, String selector) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %s}
                spec:
                  selector: %s
                  ports: [{port: 5432}]
                """.formatted(name, selector);
    }

    private static List<String> warnings(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml).warnings().stream().map(Diagnostic::format)
                .filter(w -> !w.contains("not simulated (yet)")).toList();
    }

    @Test
    @DisplayName("a Service selecting only a StatefulSet's pods: warned at its selector, naming the StatefulSet")
    void aServiceOfAStatefulSetHasNoEndpoints() {
        assertEquals(List.of("m.yaml:16:3: warning: Service \"db\" selects the pods of StatefulSet \"db\", which "
                        + "kubesim does not run (yet): in the simulation the Service has no endpoints and requests "
                        + "to it fail (503 no_endpoints), where a cluster would route them to those pods"),
                warnings(STATEFUL_SET + "---\n" + service("db", "{app: db}")));
    }

    @Test
    @DisplayName("a Service selecting a Deployment's pods and a DaemonSet's: warned that its endpoints are partial")
    void aServiceOfADeploymentAndADaemonSetHasOnlyTheDeploymentsPods() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web, role: front}}
                    spec: {containers: [{name: web, image: "web:1"}]}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent, role: front}}
                    spec: {containers: [{name: agent, image: "agent:1"}]}
                ---
                """ + service("front", "{role: front}");
        assertEquals(List.of("m.yaml:23:3: warning: Service \"front\" also selects the pods of DaemonSet \"agent\", "
                + "which kubesim does not run (yet): in the simulation its endpoints are only the pods kubesim "
                + "runs"), warnings(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a selector on a StatefulSet pod's own name matches only the ordinals below replicas")
    @CsvSource(delimiter = '|', value = {
        "ordinal 2 of 3 exists    | statefulset.kubernetes.io/pod-name: db-2 | 1",
        "ordinal 3 of 3 does not  | statefulset.kubernetes.io/pod-name: db-3 | 0",
        "another set's pod name   | statefulset.kubernetes.io/pod-name: web-0 | 0",
        "pod index 0              | apps.kubernetes.io/pod-index: '0'         | 1",
        "a label value the template lacks | tier: cache                   | 0",
    })
    void statefulSetPodIdentityLabels(String name, String extra, int expected) {
        String yaml = STATEFUL_SET + "---\n" + service("db-announce", "{app: db, " + extra + "}");
        assertEquals(expected, warnings(yaml).size(), () -> warnings(yaml).toString());
    }

    @Test
    @DisplayName("the same StatefulSet in two files loaded together is named once")
    void theSameOwnerInTwoFilesIsNamedOnce() {
        List<String> w = new ManifestLoader().loadSources(List.of(new ManifestSource("a.yaml", STATEFUL_SET),
                        new ManifestSource("b.yaml", STATEFUL_SET + "---\n" + service("db", "{app: db}"))))
                .warnings().stream().map(Diagnostic::message).filter(m -> m.startsWith("Service")).toList();
        assertEquals(1, w.size(), w::toString);
        assertEquals(1, w.get(0).split("StatefulSet \"db\"", -1).length - 1, w.get(0));
    }

    @Test
    void aServiceInAnotherNamespaceIsNotConcerned() {
        String yaml = STATEFUL_SET + "---\n" + service("db", "{app: db}").replace("{name: db}",
                "{name: db, namespace: other}");
        assertEquals(List.of(), warnings(yaml));
    }

    @Test
    void aServiceOfABatchV1CronJobIsNotWarnedAbout() {
        String yaml = """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: report}}
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: report, image: "report:1"}]
                ---
                """ + service("report", "{app: report}");
        assertEquals(List.of(), warnings(yaml), "kubesim runs CronJobs: their pods are the Service's endpoints");
    }

    @Test
    void aCronJobsJobTemplateCounts() {
        // an apiVersion kubesim does not read: the CronJob is skipped, so its pods never exist
        String yaml = """
                apiVersion: batch/v2alpha1
                kind: CronJob
                metadata: {name: report}
                spec:
                  schedule: "*/5 * * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: report}}
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: report, image: "report:1"}]
                ---
                """ + service("report", "{app: report}");
        assertEquals(1, warnings(yaml).stream().filter(w -> w.contains("selects the pods of CronJob")).count());
    }

    @Test
    void aServiceOfADeploymentIsNotWarnedAbout() {
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: db}
                spec:
                  selector: {matchLabels: {app: db}}
                  template:
                    metadata: {labels: {app: db}}
                    spec: {containers: [{name: db, image: "db:1"}]}
                ---
                """ + service("db", "{app: db}");
        assertEquals(List.of(), warnings(yaml));
    }

    @Test
    @DisplayName("AKS store demo: the Services of its two StatefulSets (documentdb, rabbitmq), and only those")
    void aksStoreDemo() {
        Path dir = SharedFiles.manifests().orElse(null);
        assumeTrue(dir != null, "../shared/manifests not present");
        List<String> w = new ManifestLoader().load(List.of(dir.resolve("aks-store-demo/aks-store-all-in-one.yaml")
                .toString())).warnings().stream().map(Diagnostic::message)
                .filter(m -> m.contains("kubesim does not run (yet)")).toList();
        assertEquals(List.of("Service \"documentdb\" selects the pods of StatefulSet \"documentdb\"",
                        "Service \"rabbitmq\" selects the pods of StatefulSet \"rabbitmq\""),
                w.stream().map(m -> m.substring(0, m.indexOf(", which"))).toList());
    }
}
