package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.kubesim.scenarios.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every kind of bad manifest ends in exactly one {@link InputException} that names the file,
 * line and column and says what was expected; never a parser's or Jackson's own text.
 */
class ManifestInputErrorsTest {
    /** A Deployment whose line 10 (the container) and line 5 (spec) take the given extra text. */
    private static String deployment(String specLine, String containerLines) {
        return """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                %s
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                        - name: web
                          image: nginx
                %s
                """.formatted(specLine, containerLines);
    }

    static Stream<Arguments> badManifests() {
        return Stream.of(
                Arguments.of("malformed YAML", "kind: Pod\nmetadata: {name: x\nspec: 1\n", 3, 5,
                        "invalid YAML: expected ',' or '}', but got :"),
                Arguments.of("tab indentation", "kind: Pod\n\tmetadata: {}\n", 2, 1,
                        "invalid YAML: found character '\\t(TAB)' that cannot start any token. (Do not use \\t(TAB) for indentation)"),
                Arguments.of("replicas as a word", deployment("  replicas: three", ""), 5, 13,
                        "expected an integer, got a string (\"three\")"),
                Arguments.of("replicas quoted", deployment("  replicas: \"3\"", ""), 5, 13,
                        "expected an integer, got a string (\"3\")"),
                Arguments.of("replicas beyond int32", deployment("  replicas: 3000000000", ""), 5, 13,
                        "integer 3000000000 is out of range (at most 2147483647)"),
                Arguments.of("replicas negative", deployment("  replicas: -1", ""), 5, 13,
                        "replicas must be greater than or equal to 0, got -1"),
                Arguments.of("containers not a list", deployment("", "").replace(
                        "      containers:\n        - name: web\n          image: nginx", "      containers: web"), 10, 19,
                        "expected a list, got a string (\"web\")"),
                Arguments.of("image a number", deployment("", "").replace("image: nginx", "image: 12"), 12, 18,
                        "expected a string, got an integer (12) (quote it)"),
                Arguments.of("cpu 1x", deployment("", "          resources: {requests: {cpu: 1x}}"), 13, 39,
                        "invalid quantity \"1x\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 1.5, 128Mi, 1Gi)"),
                Arguments.of("memory 12Q", deployment("", "          resources:\n            limits:\n              memory: 12Q"),
                        15, 23, "invalid quantity \"12Q\": quantities must match the regular expression "
                                + "'^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$' (e.g. 500m, 1.5, 128Mi, 1Gi)"),
                Arguments.of("memory 100mi", deployment("", "          resources: {limits: {memory: 100mi}}"), 13, 40,
                        "invalid quantity \"100mi\": unable to parse quantity's suffix (e.g. 500m, 1.5, 128Mi, 1Gi)"),
                Arguments.of("negative cpu", deployment("", "          resources: {limits: {cpu: -1}}"), 13, 37,
                        "resource quantity must not be negative, got -1"),
                Arguments.of("request above limit", deployment("",
                        "          resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}"), 13, 39,
                        "the cpu request must be less than or equal to the cpu limit (1)"),
                Arguments.of("maxSurge abc", deployment("  strategy: {rollingUpdate: {maxSurge: abc}}", ""), 5, 40,
                        "expected an integer or a percentage such as 25%, got \"abc\""),
                Arguments.of("maxSurge and maxUnavailable both 0",
                        deployment("  strategy: {rollingUpdate: {maxSurge: 0, maxUnavailable: 0}}", ""), 5, 29,
                        "maxSurge and maxUnavailable may not both be 0"),
                Arguments.of("probe period negative", deployment("",
                        "          livenessProbe: {httpGet: {port: 80}, periodSeconds: -5}"), 13, 63,
                        "must be greater than or equal to 0, got -5"),
                Arguments.of("probe without handler", deployment("", "          readinessProbe: {periodSeconds: 5}"),
                        13, 27, "a probe must specify a handler: exec, httpGet, tcpSocket or grpc"),
                Arguments.of("liveness successThreshold 2", deployment("",
                        "          livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}"), 13, 68,
                        "must be 1 for a liveness probe, got 2"),
                Arguments.of("selector does not match", deployment("", "").replace("labels: {app: web}", "labels: {app: api}"),
                        6, 13, "selector (app=web) does not match the template labels {app=api}"),
                Arguments.of("apps/v1 without selector", deployment("", "").replace(
                        "  selector: {matchLabels: {app: web}}\n", ""), 4, 1,
                        "apps/v1 Deployment needs a non-empty spec.selector (e.g. matchLabels: {app: web})"),
                Arguments.of("missing kind", "apiVersion: v1\nmetadata: {name: x}\n", 1, 1,
                        "missing \"kind\": every Kubernetes object needs apiVersion and kind"),
                Arguments.of("missing name", "apiVersion: v1\nkind: Namespace\nmetadata: {labels: {a: b}}\n", 3, 11,
                        "metadata.name is required"),
                Arguments.of("invalid name", "apiVersion: v1\nkind: Namespace\nmetadata: {name: Shop_1}\n", 3, 18,
                        "invalid name \"Shop_1\": expected lower-case letters, digits, '-' and '.', starting and "
                                + "ending with a letter or digit"),
                Arguments.of("a scalar document", "just text\n", 1, 1,
                        "expected a Kubernetes object (a mapping with apiVersion and kind), got a string (\"just text\")"),
                Arguments.of("toleration effect", deployment("", "").replace("      containers:",
                        "      tolerations: [{key: k, effect: NoSchedul}]\n      containers:"), 10, 38,
                        "expected NoSchedule, PreferNoSchedule or NoExecute, got \"NoSchedul\""),
                Arguments.of("fractional gpu", deployment("", "          resources: {limits: {nvidia.com/gpu: 0.5}}"),
                        13, 48, "extended resource nvidia.com/gpu must be a whole number, got 0.5"),
                Arguments.of("PriorityClass without value",
                        "apiVersion: scheduling.k8s.io/v1\nkind: PriorityClass\nmetadata: {name: p}\n", 1, 1,
                        "a PriorityClass needs a value"),
                Arguments.of("PDB with minAvailable and maxUnavailable", pdb("minAvailable: 1\n  maxUnavailable: 1"),
                        7, 19, "minAvailable and maxUnavailable cannot be both set"),
                Arguments.of("PDB with neither", pdb("unhealthyPodEvictionPolicy: AlwaysAllow"), 4, 1,
                        "a PodDisruptionBudget needs minAvailable or maxUnavailable (kubesim does not model one with "
                                + "neither)"),
                Arguments.of("PDB minAvailable negative", pdb("minAvailable: -1"), 6, 17,
                        "must be greater than or equal to 0, got -1"),
                Arguments.of("PDB maxUnavailable above 100 %", pdb("maxUnavailable: 150%"), 6, 19,
                        "must not be greater than 100%, got 150%"),
                Arguments.of("PDB minAvailable not a number", pdb("minAvailable: half"), 6, 17,
                        "expected an integer or a percentage such as 25%, got \"half\""),
                Arguments.of("PDB selector operator", pdb("minAvailable: 1").replace("{matchLabels: {app: web}}",
                        "{matchExpressions: [{key: app, operator: Equals, values: [web]}]}"), 5, 54,
                        "expected one of In, NotIn, Exists, DoesNotExist, got \"Equals\""),
                Arguments.of("PDB unknown unhealthy pod policy", pdb("minAvailable: 1\n  unhealthyPodEvictionPolicy: Never"),
                        7, 31, "expected IfHealthyBudget or AlwaysAllow, got \"Never\""));
    }

    /** A policy/v1 PodDisruptionBudget whose line 6 takes the given spec field(s). */
    private static String pdb(String field) {
        return """
                apiVersion: policy/v1
                kind: PodDisruptionBudget
                metadata: {name: web}
                spec:
                  selector: {matchLabels: {app: web}}
                  %s
                """.formatted(field);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badManifests")
    void badInputIsOneLocatedError(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("m.yaml", yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals("m.yaml", e.file());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
        assertEquals("m.yaml:" + line + ":" + column + ": " + e.detail(), e.format());
    }

    @Test
    void missingFileNamesIt(@TempDir Path dir) {
        String missing = dir.resolve("nope.yaml").toString();
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().load(List.of(missing)));
        assertEquals(missing, e.file());
        assertEquals(0, e.line());
        assertEquals(missing + ": no such file or directory: " + missing, e.format());
    }

    @Test
    void directoryLoadsItsYamlFilesInNameOrder(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("b.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: b}\n");
        Files.writeString(dir.resolve("a.yml"), "apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n");
        Files.writeString(dir.resolve("notes.txt"), "not yaml: [");
        var names = new ManifestLoader().load(List.of(dir.toString())).value().stream().map(m -> m.name()).toList();
        assertEquals(List.of("a", "b"), names);
    }

    @Test
    void emptyDirectoryIsAnError(@TempDir Path dir) {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().load(List.of(dir.toString())));
        assertEquals("directory " + dir + " contains no *.yaml, *.yml or *.json files", e.detail());
    }

    @Test
    @DisplayName("a file with a NUL byte is binary: refused at the byte")
    void binaryFileIsAnError(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.write(f, new byte[] {(byte) 0x89, 'P', 'N', 'G', 0, 1});
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().load(List.of(f.toString())));
        assertEquals(f + ":1:5: a NUL byte: this is binary data, not YAML or JSON text (a UTF-16 file without a "
                + "byte-order mark reads so too: convert it to UTF-8)", e.format());
    }

    @Test
    @DisplayName("a UTF-16 byte-order mark makes the file UTF-16, as kubectl reads it")
    void utf16WithAByteOrderMarkIsDecoded(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.write(f, ("\uFEFFapiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec: {containers: [{name: c, image: "
                + "i}]}\n").getBytes(java.nio.charset.StandardCharsets.UTF_16BE));
        var loaded = new ManifestLoader().load(List.of(f.toString()));
        assertEquals("p", loaded.value().get(0).name());
        assertEquals(f + ":1:1: warning: the file is UTF-16BE (it starts with a byte-order mark): read as kubectl reads"
                + " it, but most tools expect UTF-8 (iconv -f UTF-16 -t UTF-8 converts it)",
                loaded.warnings().get(0).format());
    }

    @Test
    @DisplayName("bytes that are not UTF-8 read as U+FFFD with a warning at the first, as kubectl reads them")
    void notUtf8IsReadWithAWarningAtTheByte(@TempDir Path dir) throws Exception {
        Path f = dir.resolve("x.yaml");
        Files.write(f, "apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\n  annotations: {note: caf\u00e9 cr\u00e8me}\nspec: {containers: [{name: c, image: i}]}\n"
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        var loaded = new ManifestLoader().load(List.of(f.toString()));
        assertEquals("caf\uFFFD cr\uFFFDme", ((io.kubesim.api.Manifest.PodManifest) loaded.value().get(0))
                .annotations().get("note"));
        assertEquals(f + ":5:26: warning: byte 0xE9 is not UTF-8 (2 such sequences in the file): read as U+FFFD, as "
                + "kubectl reads it; is the file Latin-1 or Windows-1252? (iconv -f WINDOWS-1252 -t UTF-8 converts it)",
                loaded.warnings().get(0).format());
    }

    @Test
    @DisplayName("a kind misspelt in a group kubesim reads is refused, as the API server refuses it; another kind is not simulated")
    void misspeltKindOfAKnownGroup() {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("m.yaml",
                "apiVersion: apps/v1\nkind: StatefullSet\nmetadata: {name: db}\n"));
        assertEquals("m.yaml:2:7: no kind \"StatefullSet\" in apps/v1 (the API server refuses it): did you mean "
                + "\"StatefulSet\"?", e.format());
        var loaded = new ManifestLoader().loadText("m.yaml", "apiVersion: apps/v1\nkind: ControllerRevision\n"
                + "metadata: {name: db-1}\nrevision: 1\n");
        assertEquals("m.yaml:2:1: warning: not simulated (yet): 1 ControllerRevision", loaded.warnings().get(0).format());
    }
}
