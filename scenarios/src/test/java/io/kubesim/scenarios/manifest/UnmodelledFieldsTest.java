package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A field the API server accepts and that changes a real cluster's behaviour, but that kubesim does
 * not simulate, loads with a located warning naming the object, the field and what kubesim does
 * instead; null and empty values are absent (k8s-semantics.md 16.3) and warn nothing.
 */
class UnmodelledFieldsTest {
    private static List<Diagnostic> warnings(String yaml) {
        return ManifestLoaderTest.load(yaml).warnings();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "schedulingGates   | '      schedulingGates: [{name: example.com/quota}]\n' | spec.template.spec.schedulingGates | 12",
        "activeDeadline    | '      activeDeadlineSeconds: 600\n'                    | spec.template.spec.activeDeadlineSeconds | 12",
        "runtimeClassName  | '      runtimeClassName: gvisor\n'                      | spec.template.spec.runtimeClassName | 12",
        "ephemeral volume  | '      volumes: [{name: d, ephemeral: {volumeClaimTemplate: {spec: {accessModes: [ReadWriteOnce]}}}}]\n' | spec.template.spec.volumes[0].ephemeral | 12",
    })
    void podSpecFieldsWarnWhereTheyAre(String name, String fields, String path, int line) {
        List<Diagnostic> w = warnings(ManifestLoaderTest.withPodSpecFields(fields.replace("\\n", "\n")));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).message().startsWith("Deployment \"web\" " + path + ": "), w.get(0).message());
        assertEquals(line, w.get(0).location().line(), w.get(0).format());
    }

    @Test
    void aPostStartHookTakesNoTime() {
        List<Diagnostic> w = warnings(ManifestLoaderTest.web("",
                "          lifecycle: {postStart: {exec: {command: [sh, -c, 'sleep 5']}}}\n"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).message().startsWith(
                "Deployment \"web\" spec.template.spec.containers[0].lifecycle.postStart: the postStart hook takes no time"),
                w.get(0).message());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "sessionAffinity ClientIP | sessionAffinity: ClientIP       | spec.sessionAffinity",
        "externalTrafficPolicy    | externalTrafficPolicy: Local    | spec.externalTrafficPolicy",
        "internalTrafficPolicy    | internalTrafficPolicy: Local    | spec.internalTrafficPolicy",
        "trafficDistribution      | trafficDistribution: PreferClose | spec.trafficDistribution",
    })
    void serviceFieldsWarn(String name, String field, String path) {
        List<Diagnostic> w = warnings(service("  selector: {app: web}\n  " + field + "\n"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).message().startsWith("Service \"web\" " + path + ": "), w.get(0).message());
    }

    @Test
    void theDefaultsOfThoseServiceFieldsWarnNothing() {
        assertEquals(List.of(), warnings(service("""
                  selector: {app: web}
                  sessionAffinity: None
                  externalTrafficPolicy: Cluster
                  internalTrafficPolicy: Cluster
                """)));
    }

    @Test
    void aServiceWithoutSelectorHasNoEndpoints() {
        List<Diagnostic> w = warnings(service("  selector: {}\n"));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).message().contains("has no selector"), w.get(0).message());
    }

    @Test
    void nullAndEmptyValuesAreAbsent() {
        assertEquals(List.of(), warnings(ManifestLoaderTest.withPodSpecFields(
                "      schedulingGates: []\n      volumes:\n")));
    }

    /** The Service after a pod it selects (a Service selecting none is warned about for that). */
    private static String service(String specBody) {
        return """
                apiVersion: v1
                kind: Pod
                metadata: {name: web, labels: {app: web}}
                spec: {containers: [{name: web, image: "web:1"}]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web}
                spec:
                  ports: [{port: 80}]
                """ + specBody;
    }
}
