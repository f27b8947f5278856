package io.kubesim.scenarios.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {
    @Test
    void skipsEmptyAndCommentOnlyDocumentsAsKubectlDoes() {
        String text = """
                ---
                # only a comment
                ---
                a: 1
                ---
                ---
                b: 2
                ---
                """;
        List<YamlDocument> docs = YamlReader.read("f.yaml", text);
        assertEquals(2, docs.size());
        assertEquals(1, docs.get(0).root().get("a").intValue());
        assertEquals(2, docs.get(1).root().get("b").intValue());
    }

    @Test
    void recordsLineAndColumnOfValuesAndKeys() {
        String text = """
                kind: Deployment
                spec:
                  template:
                    containers:
                      - name: web
                        image: nginx
                """;
        YamlDocument d = YamlReader.read("f.yaml", text).get(0);
        assertEquals(new Location("f.yaml", 6, 16), d.valueLocation("/spec/template/containers/0/image"));
        assertEquals(new Location("f.yaml", 6, 9), d.keyLocation("/spec/template/containers/0/image"));
        assertEquals(new Location("f.yaml", 1, 1), d.keyLocation("/kind"));
        // an absent node falls back to its nearest present ancestor
        assertEquals(d.valueLocation("/spec/template/containers/0"),
                d.valueLocation("/spec/template/containers/0/ports/3"));
    }

    @Test
    void keysWithSlashesAreEscapedInPointers() {
        YamlDocument d = YamlReader.read("f.yaml", "labels:\n  app.kubernetes.io/name: x\n").get(0);
        assertEquals(2, d.keyLocation(Pointers.child("/labels", "app.kubernetes.io/name")).line());
        assertEquals("labels.app.kubernetes.io/name[0]",
                Pointers.toPath(Pointers.child(Pointers.child("/labels", "app.kubernetes.io/name"), 0)));
    }

    @Test
    void malformedYamlIsOneErrorAtTheProblem() {
        InputException e = assertThrows(InputException.class,
                () -> YamlReader.read("bad.yaml", "a: 1\nb: [1, 2\nc: 3\n"));
        assertEquals("bad.yaml", e.file());
        assertTrue(e.line() >= 2, e.format());
        assertTrue(e.detail().startsWith("invalid YAML: "), e.detail());
        assertTrue(!e.detail().contains("Exception"), e.detail());
    }

    @Test
    void badIndentationIsReportedWhereTheParserStopped() {
        InputException e = assertThrows(InputException.class,
                () -> YamlReader.read("bad.yaml", "spec:\n  replicas: 1\n   template: x\n"));
        assertEquals(new Location("bad.yaml", 3, 12), e.location());
        assertEquals("invalid YAML: mapping values are not allowed here", e.detail());
    }

    @Test
    void duplicateKeysAreAnErrorAtTheSecondKey() {
        InputException e = assertThrows(InputException.class,
                () -> YamlReader.read("dup.yaml", "a: 1\nb: 2\na: 3\n"));
        assertEquals(new Location("dup.yaml", 3, 1), e.location());
        assertEquals("duplicate key \"a\" (first at line 1)", e.detail());
    }

    @Test
    void flowStyleWithTrailingCommasLoads() {
        String text = "{\n  \"a\": {\"b\": 1,},\n  \"c\": [1, 2,],\n}\n";
        YamlDocument d = YamlReader.read("f.yaml", text).get(0);
        assertEquals(1, d.root().get("a").get("b").intValue());
        assertEquals(2, d.root().get("c").size());
    }

    @Test
    void readsStreamsLargerThanSnakeYamlsDefaultLimitOf3MiB() {
        StringBuilder sb = new StringBuilder();
        int docs = 0;
        while (sb.length() < 4 * 1024 * 1024) {
            sb.append("---\nkind: ConfigMap\nmetadata: {name: c").append(docs++).append("}\ndata: {k: \"")
                    .append("x".repeat(1000)).append("\"}\n");
        }
        assertEquals(docs, YamlReader.read("big.yaml", sb.toString()).size());
    }
}
