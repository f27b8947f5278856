package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.scenarios.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The "not simulated (yet)" warning counts the skipped objects of each file at that file: when
 * several files (a directory, or several arguments) load together, one file's ConfigMaps are not
 * reported at another file's first line.
 */
class NotSimulatedPerFileTest {
    private static String object(String apiVersion, String kind, String name) {
        return "apiVersion: " + apiVersion + "\nkind: " + kind + "\nmetadata: {name: " + name + "}\n";
    }

    @Test
    void eachFileHasItsOwnCountAtItsOwnFirstSkippedObject() {
        String a = object("v1", "ConfigMap", "a1") + "---\n" + object("v1", "ServiceAccount", "a2");
        String b = object("v1", "Namespace", "b0") + "---\n" + object("v1", "ConfigMap", "b1") + "---\n"
                + object("v1", "ConfigMap", "b2");
        List<String> w = new ManifestLoader().loadSources(List.of(new ManifestSource("a.yaml", a),
                new ManifestSource("b.yaml", b))).warnings().stream().map(Diagnostic::format).toList();
        assertEquals(List.of("a.yaml:2:1: warning: not simulated (yet): 1 ConfigMap, 1 ServiceAccount",
                "b.yaml:6:1: warning: not simulated (yet): 2 ConfigMap"), w);
    }
}
