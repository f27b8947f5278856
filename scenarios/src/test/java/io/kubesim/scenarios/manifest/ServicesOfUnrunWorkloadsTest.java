package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
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
 * A Service in front of the pods of a workload kubesim skips (an OpenKruise CloneSet, a workload of an
 * apiVersion kubesim does not read ...) has endpoints on a cluster but none in the simulation: requests
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

    /** The same StatefulSet under an apiVersion kubesim does not read (a future one): skipped with a warning. */
    private static final String SKIPPED_STATEFUL_SET = STATEFUL_SET.replace("apps/v1", "apps/v9");

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
                .filter(w -> !w.contains("not simulated (yet)") && !w.contains("does not read apiVersion")).toList();
    }

    @Test
    @DisplayName("a Service selecting only the pods of a skipped StatefulSet: warned at its selector, naming it")
    void aServiceOfASkippedStatefulSetHasNoEndpoints() {
        assertEquals(List.of("m.yaml:16:3: warning: Service \"db\" selects the pods of StatefulSet \"db\", which "
                        + "kubesim does not run (yet): in the simulation the Service has no endpoints and requests "
                        + "to it fail (503 no_endpoints), where a cluster would route them to those pods"),
                warnings(SKIPPED_STATEFUL_SET + "---\n" + service("db", "{app: db}")));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("k8s-semantics.md 11.2: a Service selecting the pods of a StatefulSet kubesim runs, by template or "
            + "identity labels, is not warned about")
    @CsvSource(delimiter = '|', value = {
        "template labels   | tier: data",
        "a pod's own name  | statefulset.kubernetes.io/pod-name: db-2",
        "a pod index       | apps.kubernetes.io/pod-index: '0'",
    })
    void aServiceOfARunStatefulSetIsNotWarnedAbout(String name, String selector) {
        assertEquals(List.of(), warnings(STATEFUL_SET + "---\n" + service("db", "{app: db, " + selector + "}")));
    }

    private static final String WEB_AND = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web, role: front}}
                spec: {containers: [{name: web, image: "web:1"}]}
            ---
            """;

    @Test
    @DisplayName("a Service selecting a Deployment's pods and a custom workload's: warned that its endpoints are partial")
    void aServiceOfADeploymentAndACustomWorkloadHasOnlyTheDeploymentsPods() {
        String yaml = WEB_AND + """
                apiVersion: apps.kruise.io/v1alpha1
                kind: CloneSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent, role: front}}
                    spec: {containers: [{name: agent, image: "agent:1"}]}
                ---
                """ + service("front", "{role: front}");
        assertEquals(List.of("m.yaml:23:3: warning: Service \"front\" also selects the pods of CloneSet \"agent\", "
                + "which kubesim does not run (yet): in the simulation its endpoints are only the pods kubesim "
                + "runs"), warnings(yaml));
    }

    @Test
    @DisplayName("a Service selecting a DaemonSet's pods: no warning, kubesim runs them (k8s-semantics.md 12)")
    void aServiceOfADaemonSetIsNotWarnedAbout() {
        String yaml = WEB_AND + """
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent}
                spec:
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent, role: front}}
                    spec: {containers: [{name: agent, image: "agent:1"}]}
                ---
                """ + service("front", "{role: front}") + "---\n" + service("agents", "{app: agent}");
        assertEquals(List.of(), warnings(yaml));
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("a selector on a StatefulSet pod's own name matches only the ordinals below replicas")
    @CsvSource(delimiter = '|', value = {
        "ordinal 2 of 3 exists    | statefulset.kubernetes.io/pod-name: db-2 | true",
        "ordinal 3 of 3 does not  | statefulset.kubernetes.io/pod-name: db-3 | false",
        "another set's pod name   | statefulset.kubernetes.io/pod-name: web-0 | false",
        "pod index 0              | apps.kubernetes.io/pod-index: '0'         | true",
        "a label value the template lacks | tier: cache                   | false",
    })
    void statefulSetPodIdentityLabels(String name, String extra, boolean selectsTheSkippedPods) {
        String yaml = SKIPPED_STATEFUL_SET + "---\n" + service("db-announce", "{app: db, " + extra + "}");
        List<String> w = warnings(yaml);
        assertEquals(1, w.size(), w::toString);
        assertEquals(selectsTheSkippedPods, w.get(0).contains("selects the pods of StatefulSet \"db\""), w::toString);
        assertEquals(!selectsTheSkippedPods, w.get(0).contains("selects no pod of the input"), w::toString);
    }

    @Test
    @DisplayName("the same StatefulSet in two files loaded together is named once")
    void theSameOwnerInTwoFilesIsNamedOnce() {
        List<String> w = new ManifestLoader().loadSources(List.of(new ManifestSource("a.yaml", SKIPPED_STATEFUL_SET),
                        new ManifestSource("b.yaml", SKIPPED_STATEFUL_SET + "---\n" + service("db", "{app: db}"))))
                .warnings().stream().map(Diagnostic::message).filter(m -> m.startsWith("Service")).toList();
        assertEquals(1, w.size(), w::toString);
        assertEquals(1, w.get(0).split("StatefulSet \"db\"", -1).length - 1, w.get(0));
    }

    @Test
    @DisplayName("a Service in another namespace does not select the set's pods: it selects none")
    void aServiceInAnotherNamespaceIsNotConcerned() {
        String yaml = STATEFUL_SET + "---\n" + service("db", "{app: db}").replace("{name: db}",
                "{name: db, namespace: other}");
        List<String> w = warnings(yaml);
        assertEquals(1, w.size(), w::toString);
        assertTrue(w.get(0).contains("Service \"db\" selects no pod of the input (selector app=db)"), w::toString);
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
    @DisplayName("AKS store demo: the Services of its two StatefulSets (documentdb, rabbitmq) have their pods: no "
            + "Service is warned about")
    void aksStoreDemo() {
        Path dir = SharedFiles.manifests().orElse(null);
        assumeTrue(dir != null, "../shared/manifests not present");
        List<String> w = new ManifestLoader().load(List.of(dir.resolve("aks-store-demo/aks-store-all-in-one.yaml")
                .toString())).warnings().stream().map(Diagnostic::message)
                .filter(m -> m.contains("kubesim does not run (yet)")).toList();
        assertEquals(List.of(), w);
    }
}
