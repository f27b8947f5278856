package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** DaemonSets load with their API version's defaults and the API server's validation (k8s-semantics.md 12.1, 16.4). */
class DaemonSetLoadTest {
    /** A DaemonSet whose line 5 takes {@code specLine} (indented under spec). */
    private static String daemonSet(String apiVersion, String specLine) {
        return """
                apiVersion: %s
                kind: DaemonSet
                metadata: {name: agent, namespace: kube-system}
                spec:
                %s
                  selector: {matchLabels: {app: agent}}
                  template:
                    metadata: {labels: {app: agent}}
                    spec: {containers: [{name: agent, image: "agent:1"}]}
                """.formatted(apiVersion, specLine);
    }

    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static List<String> warnings(Loaded<List<Manifest>> r) {
        return r.warnings().stream().map(Diagnostic::format).toList();
    }

    @Test
    @DisplayName("12.1: apps/v1 defaults: RollingUpdate, maxUnavailable 1, maxSurge 0, minReadySeconds 0, history 10; no warning")
    void appsV1Defaults() {
        Loaded<List<Manifest>> r = load(daemonSet("apps/v1", ""));
        Manifest.DaemonSetManifest ds = (Manifest.DaemonSetManifest) r.value().get(0);
        assertEquals(DaemonSetUpdateStrategy.DEFAULT_ROLLING, ds.updateStrategy());
        assertEquals(IntOrPercent.ofInt(1), ds.updateStrategy().maxUnavailable());
        assertEquals(IntOrPercent.ofInt(0), ds.updateStrategy().maxSurge());
        assertEquals(0, ds.minReadySeconds());
        assertEquals(10, ds.revisionHistoryLimit());
        assertEquals("kube-system/agent", ds.key());
        assertEquals(List.of(), warnings(r), "a DaemonSet is simulated: no 'not simulated' warning");
    }

    @Test
    @DisplayName("16.4: extensions/v1beta1 defaults to OnDelete and takes its selector from the template labels")
    void extensionsV1beta1() {
        String yaml = daemonSet("extensions/v1beta1", "").replace("  selector: {matchLabels: {app: agent}}\n", "");
        Loaded<List<Manifest>> r = load(yaml);
        Manifest.DaemonSetManifest ds = (Manifest.DaemonSetManifest) r.value().get(0);
        assertEquals(DaemonSetUpdateStrategy.ON_DELETE, ds.updateStrategy());
        assertEquals(Map.of("app", "agent"), ds.selector().matchLabels());
        assertTrue(warnings(r).get(0).contains("extensions/v1beta1 DaemonSet \"agent\" uses a deprecated apiVersion: "
                + "it was removed in Kubernetes 1.16; use apps/v1; loaded with that version's defaults; spec.selector "
                + "defaulted from the template labels"), warnings(r).toString());
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("12.6: the strategies the API server accepts")
    @CsvSource(delimiter = '|', value = {
        "surge instead of unavailable | '  updateStrategy: {rollingUpdate: {maxSurge: 1, maxUnavailable: 0}}' | false | 0 | 1",
        "a percentage                 | '  updateStrategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: 10%}}' | false | 10% | 0",
        "OnDelete                     | '  updateStrategy: {type: OnDelete}' | true | | ",
    })
    void acceptedStrategies(String name, String line, boolean onDelete, String unavailable, String surge) {
        Manifest.DaemonSetManifest ds = (Manifest.DaemonSetManifest) load(daemonSet("apps/v1", line)).value().get(0);
        assertEquals(onDelete, ds.updateStrategy().onDelete());
        if (!onDelete) {
            assertEquals(IntOrPercent.parse(unavailable), ds.updateStrategy().maxUnavailable());
            assertEquals(IntOrPercent.parse(surge), ds.updateStrategy().maxSurge());
        }
    }

    @ParameterizedTest(name = "{0}")
    @DisplayName("bad DaemonSets: one located error each (ValidateDaemonSetUpdateStrategy)")
    @CsvSource(delimiter = '|', value = {
        "both zero        | '  updateStrategy: {rollingUpdate: {maxUnavailable: 0}}' | 5 | 52 | cannot be 0 when maxSurge is 0",
        "both non-zero    | '  updateStrategy: {rollingUpdate: {maxSurge: 1}}' | 5 | 46 | may not be set when maxUnavailable is non-zero (maxUnavailable is 1 by default; set it to 0 to surge)",
        "over 100%        | '  updateStrategy: {rollingUpdate: {maxUnavailable: 150%}}' | 5 | 52 | must not be greater than 100%, got 150%",
        "unknown type     | '  updateStrategy: {type: Recreate}' | 5 | 26 | expected RollingUpdate or OnDelete, got \"Recreate\"",
        "OnDelete + rules | '  updateStrategy: {type: OnDelete, rollingUpdate: {maxSurge: 1}}' | 5 | 51 | may not be specified when strategy type is OnDelete",
        "negative minReadySeconds | '  minReadySeconds: -5' | 5 | 20 | must be greater than or equal to 0, got -5",
    })
    void badDaemonSet(String name, String line, int row, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(daemonSet("apps/v1", line)));
        assertEquals(message, e.detail(), e.format());
        assertEquals(row, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }

    @Test
    @DisplayName("apps/v1 requires a selector")
    void selectorRequired() {
        InputException e = assertThrows(InputException.class, () -> load(daemonSet("apps/v1", "")
                .replace("  selector: {matchLabels: {app: agent}}\n", "")));
        assertEquals("apps/v1 DaemonSet needs a non-empty spec.selector (e.g. matchLabels: {app: web})", e.detail());
        assertEquals(4, e.line());
    }

    @Test
    @DisplayName("pods owned by a DaemonSet of the input (a kubectl get -o yaml dump) are adopted, not run twice")
    void podsOfADaemonSetAreAdopted() {
        String pod = """
                apiVersion: v1
                kind: Pod
                metadata:
                  name: agent-x7k2p
                  namespace: kube-system
                  ownerReferences: [{apiVersion: apps/v1, kind: DaemonSet, name: agent, controller: true}]
                spec: {containers: [{name: agent, image: "agent:1"}]}
                """;
        Loaded<List<Manifest>> r = load(daemonSet("apps/v1", "") + "---\n" + pod);
        assertEquals(List.of("DaemonSet"), r.value().stream().map(Manifest::kind).toList());
        assertEquals(List.of("m.yaml:16:3: warning: DaemonSet \"agent\" adopts 1 Pod of the input (owned objects, as "
                + "in a kubectl get -o yaml dump): its controller creates its own, so they are not run alongside it and "
                + "their status is ignored"), warnings(r));
    }

    @Test
    @DisplayName("an unmodelled field of the template is warned about, as for a Deployment")
    void unmodelledFields() {
        String yaml = daemonSet("apps/v1", "").replace("spec: {containers:", "spec: {activeDeadlineSeconds: 5, containers:");
        List<String> w = warnings(load(yaml));
        assertEquals(1, w.size(), w.toString());
        assertTrue(w.get(0).contains("DaemonSet \"agent\" spec.template.spec.activeDeadlineSeconds"), w.get(0));
    }
}
