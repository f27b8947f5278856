package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A load goes on after a bad object, document or file and reports every error at once: one
 * {@link InputException} that reads as the first error by place, counts the others, and carries
 * them all, sorted by file, line and column, with the warnings found on the way.
 */
class ErrorsInOnePassTest {
    @TempDir
    Path dir;

    private static final String B = """
            apiVersion: v1
            kind: Service
            metadata: {name: b}
            spec:
              ports: [{port: 0}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: ok}
            spec: {ports: [{port: 80}], selector: {app: ok}}
            ---
            a: *missing
            ---
            apiVersion: v1
            kind: List
            items:
              - {apiVersion: v1, kind: Namespace, metadata: {name: Bad_Name}}
              - apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d, labels: {typo: x}}
                spec:
                  replcas: 2
                  selector: {matchLabels: {app: d}}
                  template:
                    metadata: {labels: {app: d}}
                    spec:
                      containers:
                        - {name: c, image: i, resources: {requests: {cpu: 1x, memory: lots}}}
            """;

    private static final String A = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: a}
            spec:
              replicas: "3"
            """;

    @Test
    void everyErrorOfEveryFileIsReportedSortedByFileLineAndColumn() throws Exception {
        Files.writeString(dir.resolve("b.yaml"), B);
        Files.writeString(dir.resolve("a.yaml"), A);
        Files.writeString(dir.resolve("c.yaml"), "key: [unclosed\n");
        InputException e = assertThrows(InputException.class,
                () -> new ManifestLoader().load(List.of(dir.toString(), dir.resolve("nope.yaml").toString())));
        List<String> where = e.errors().stream()
                .map(x -> dir.relativize(Path.of(x.file().isEmpty() ? "." : x.file())) + ":" + x.line() + ":" + x.column())
                .toList();
        assertEquals(List.of("a.yaml:5:13", "b.yaml:5:18", "b.yaml:12:4", "b.yaml:17:56", "b.yaml:28:63",
                "b.yaml:28:75", "c.yaml:2:1", "nope.yaml:0:0"), where, e.errors().toString());
        assertEquals(e.errors().get(0).location(), e.location(), "the exception reads as the first error");
        assertEquals(e.errors().get(0).detail() + " (and 7 more errors)", e.detail());
        List<String> warnings = e.warnings().stream().map(Diagnostic::message).toList();
        assertTrue(warnings.contains("unknown field \"spec.replcas\" in Deployment (ignored): did you mean \"replicas\"?"),
                "the warnings of the load travel with its errors: " + warnings);
    }

    @Test
    void aSingleErrorIsThrownAsItIs() {
        InputException e = assertThrows(InputException.class, () -> new ManifestLoader().loadText("a.yaml", A));
        assertEquals(List.of(e), e.errors());
        assertEquals("expected an integer, got a string (\"3\")", e.detail());
    }
}
