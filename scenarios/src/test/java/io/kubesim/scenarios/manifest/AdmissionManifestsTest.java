package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.LimitRangeItem;
import io.kubesim.api.Manifest;
import io.kubesim.api.QuotaScope;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * ResourceQuota and LimitRange manifests (k8s-semantics.md 15): their units, the LimitRange's
 * own defaulting, warnings for what the API server accepts and kubesim does not model, and one
 * located error for each input the API server refuses.
 */
class AdmissionManifestsTest {
    private static final long MI = 1L << 20;

    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static String quota(String spec) {
        return """
                apiVersion: v1
                kind: ResourceQuota
                metadata: {name: compute, namespace: shop}
                spec:
                %s
                """.formatted(spec.indent(2).stripTrailing());
    }

    private static String limitRange(String items) {
        return """
                apiVersion: v1
                kind: LimitRange
                metadata: {name: defaults}
                spec:
                  limits:
                %s
                """.formatted(items.indent(2).stripTrailing());
    }

    @Test
    @DisplayName("15.1: hard amounts in kubesim's units (cpu keys in millicores), scopes and scopeSelector terms")
    void resourceQuota() {
        Loaded<List<Manifest>> r = load(quota("""
                hard: {pods: "10", requests.cpu: "2", limits.cpu: 2500m, requests.memory: 1Gi}
                scopes: [NotBestEffort]
                scopeSelector:
                  matchExpressions:
                    - {scopeName: PriorityClass, operator: In, values: [high]}""") + "---\n"
                + quota("hard: {count/deployments.apps: 3, services: 5}").replace("compute", "objects"));
        Manifest.ResourceQuotaManifest q = (Manifest.ResourceQuotaManifest) r.value().get(0);
        assertEquals("shop", q.namespace());
        assertEquals(Map.of("pods", 10L, "requests.cpu", 2000L, "limits.cpu", 2500L, "requests.memory", 1024 * MI),
                q.hard());
        assertEquals(List.of(QuotaScope.exists(QuotaScope.NOT_BEST_EFFORT),
                new QuotaScope(QuotaScope.PRIORITY_CLASS, "In", List.of("high"))), q.scopes());
        assertEquals(Map.of("count/deployments.apps", 3L, "services", 5L),
                ((Manifest.ResourceQuotaManifest) r.value().get(1)).hard());
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    @DisplayName("15.1: keys and scopes the API server accepts and kubesim does not track are located warnings")
    void untrackedKeysAndScopesWarn() {
        Loaded<List<Manifest>> r = load(quota("""
                hard: {pods: "4", configmaps: "10", requests.storage: 100Gi}
                scopes: [CrossNamespacePodAffinity]"""));
        Manifest.ResourceQuotaManifest q = (Manifest.ResourceQuotaManifest) r.value().get(0);
        assertEquals(Map.of("pods", 4L), q.hard());
        assertEquals(List.of(
                "m.yaml:5:21: warning: ResourceQuota \"compute\": kubesim does not track configmaps (no such objects are "
                        + "simulated); the key is ignored",
                "m.yaml:5:39: warning: ResourceQuota \"compute\": kubesim does not track requests.storage (no such objects are "
                        + "simulated); the key is ignored",
                "m.yaml:6:12: warning: ResourceQuota scope CrossNamespacePodAffinity is not modelled: kubesim treats the quota "
                        + "as matching no pod"),
                r.warnings().stream().map(Diagnostic::format).toList());
    }

    @Test
    @DisplayName("15.1: an extended resource without the requests. prefix is accepted (ValidateResourceQuotaSpec "
            + "checks only names with no '/'), and limits nothing: a located warning")
    void extendedResourceWithoutRequestsPrefixWarns() {
        Loaded<List<Manifest>> r = load(quota("hard: {pods: \"4\", nvidia.com/gpu: 2}"));
        Manifest.ResourceQuotaManifest q = (Manifest.ResourceQuotaManifest) r.value().get(0);
        assertEquals(Map.of("pods", 4L), q.hard());
        assertEquals(List.of("m.yaml:5:21: warning: ResourceQuota \"compute\": nvidia.com/gpu limits nothing (pods "
                        + "are charged for an extended resource only as requests.nvidia.com/gpu); the key is ignored"),
                r.warnings().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> limitRangeDefaulting() {
        return Stream.of(
                Arguments.of("max only: default and defaultRequest from max", "max: {cpu: \"1\"}",
                        cpu(1000), cpu(1000)),
                Arguments.of("default only: defaultRequest from default", "default: {cpu: 500m}",
                        cpu(500), cpu(500)),
                Arguments.of("min only: defaultRequest from min, no default", "min: {cpu: 100m}",
                        Resources.NONE, cpu(100)),
                Arguments.of("explicit defaultRequest kept", "{default: {cpu: 500m}, defaultRequest: {cpu: 200m}}",
                        cpu(500), cpu(200)));
    }

    private static Resources cpu(long millis) {
        return Resources.builder().cpuMillis(millis).build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("limitRangeDefaulting")
    @DisplayName("15.2: SetDefaults_LimitRangeItem fills default and defaultRequest of a Container item")
    void limitRangeDefaults(String name, String fields, Resources def, Resources defReq) {
        String item = fields.startsWith("{") ? "- " + fields.substring(1, fields.length() - 1).replace("}, ", "}, ")
                : "- " + fields;
        LimitRangeItem i = ((Manifest.LimitRangeManifest) load(limitRange(item.replace("- ", "- type: Container\n  ")
                .replace(", default", "\n  default"))).value().get(0)).limits().get(0);
        assertEquals(def, i.defaultLimit());
        assertEquals(defReq, i.defaultRequest());
    }

    @Test
    @DisplayName("15.2: ratios in thousandths; a Pod item gets no defaults; a PersistentVolumeClaim item warns")
    void limitRangeItems() {
        Loaded<List<Manifest>> r = load(limitRange("""
                - {type: Pod, max: {memory: 2Gi}, maxLimitRequestRatio: {cpu: "1.5"}}
                - {type: PersistentVolumeClaim, max: {storage: 10Gi}}"""));
        Manifest.LimitRangeManifest lr = (Manifest.LimitRangeManifest) r.value().get(0);
        assertEquals(1, lr.limits().size());
        LimitRangeItem pod = lr.limits().get(0);
        assertEquals(LimitRangeItem.POD, pod.type());
        assertEquals(Resources.NONE, pod.defaultLimit());
        assertEquals(2048 * MI, pod.max().memoryBytes());
        assertEquals(Map.of("cpu", 1500L), pod.maxLimitRequestRatio());
        assertEquals(List.of("m.yaml:7:6: warning: LimitRange \"defaults\": items of type PersistentVolumeClaim are not "
                + "modelled by kubesim; ignored"), r.warnings().stream().map(Diagnostic::format).toList());
    }

    static Stream<Arguments> badInputs() {
        return Stream.of(
                Arguments.of("quota key that is no resource", quota("hard: {cpus: \"2\"}"), 5, 10,
                        "\"cpus\" is not a resource a ResourceQuota can limit: expected one of pods, cpu, memory, "
                                + "requests.cpu, requests.memory, limits.cpu, limits.memory, ephemeral-storage, services, "
                                + "count/<resource>.<group>, requests.<extended resource>, or a storage, ConfigMap, "
                                + "Secret or load-balancer count"),
                Arguments.of("quota amount not a quantity", quota("hard: {requests.cpu: 2x}"), 5, 24,
                        "invalid quantity \"2x\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 1.5, 128Mi, 1Gi)"),
                Arguments.of("quota amount negative", quota("hard: {requests.memory: -1Gi}"), 5, 27,
                        "must be greater than or equal to 0, got -1Gi"),
                Arguments.of("quota pods fractional", quota("hard: {pods: \"1.5\"}"), 5, 16,
                        "must be an integer, got 1.5"),
                Arguments.of("quota extended resource fractional", quota("hard: {nvidia.com/gpu: 1.5}"), 5, 26,
                        "must be an integer, got 1.5"),
                Arguments.of("quota unknown scope", quota("hard: {pods: \"2\"}\nscopes: [Cheap]"), 6, 12,
                        "unsupported scope \"Cheap\": expected one of [BestEffort, CrossNamespacePodAffinity, "
                                + "NotBestEffort, NotTerminating, PriorityClass, Terminating, VolumeAttributesClass]"),
                Arguments.of("quota conflicting scopes", quota("hard: {pods: \"2\"}\nscopes: [BestEffort, NotBestEffort]"),
                        6, 11, "conflicting scopes [BestEffort, NotBestEffort]"),
                Arguments.of("quota BestEffort on cpu", quota("hard: {requests.cpu: \"2\"}\nscopes: [BestEffort]"), 6, 11,
                        "unsupported scope BestEffort applied to resource requests.cpu (a BestEffort quota can limit "
                                + "only pods)"),
                Arguments.of("quota scope operator", quota("""
                        hard: {pods: "2"}
                        scopeSelector:
                          matchExpressions: [{scopeName: PriorityClass, operator: Equals, values: [high]}]"""), 7, 61,
                        "expected operator In, NotIn, Exists or DoesNotExist, got \"Equals\""),
                Arguments.of("quota In without values", quota("""
                        hard: {pods: "2"}
                        scopeSelector:
                          matchExpressions: [{scopeName: PriorityClass, operator: In}]"""), 7, 24,
                        "operator In needs values"),
                Arguments.of("LimitRange min above max", limitRange("- {type: Container, min: {cpu: \"2\"}, "
                        + "max: {cpu: \"1\"}}"), 6, 34, "min value 2 is greater than max value 1"),
                // Defaulting runs before validation: defaultRequest is copied from the default, and
                // upstream checks it against max first.
                Arguments.of("LimitRange default above max", limitRange("- {type: Container, default: {memory: 2Gi}, "
                        + "max: {memory: 1Gi}}"), 6, 5,
                        "default request value 2Gi is greater than max value 1Gi"),
                Arguments.of("LimitRange defaultRequest above default", limitRange("- {type: Container, "
                        + "default: {cpu: 500m}, defaultRequest: {cpu: \"1\"}}"), 6, 67,
                        "default request value 1 is greater than default limit value 500m"),
                Arguments.of("LimitRange ratio below 1", limitRange("- {type: Container, maxLimitRequestRatio: "
                        + "{cpu: 500m}}"), 6, 51, "ratio 500m is less than 1"),
                Arguments.of("LimitRange ratio null (a zero quantity)", limitRange("- {type: Container, "
                        + "maxLimitRequestRatio: {cpu: }}"), 6, 50, "ratio 0 is less than 1"),
                Arguments.of("LimitRange default on a Pod item", limitRange("- {type: Pod, default: {cpu: 1}}"), 6, 26,
                        "may not be specified when type is Pod"),
                Arguments.of("LimitRange item without type", limitRange("- {max: {cpu: 1}}"), 6, 5,
                        "a LimitRange item needs a type (Container, Pod or PersistentVolumeClaim)"),
                Arguments.of("LimitRange bad quantity", limitRange("- {type: Container, max: {memory: 1Gb}}"), 6, 37,
                        "invalid quantity \"1Gb\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 1.5, 128Mi, 1Gi)"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    @DisplayName("what the API server refuses is one located error")
    void badInputIsOneLocatedError(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }
}
