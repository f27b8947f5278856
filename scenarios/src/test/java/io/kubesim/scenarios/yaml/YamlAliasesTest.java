package io.kubesim.scenarios.yaml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Anchors, aliases and merge keys resolve as kubectl's YAML library resolves them (go-yaml v2
 * under sigs.k8s.io/yaml), and alias expansion is bounded as there (CVE-2019-11253).
 */
class YamlAliasesTest {
    private static YamlDocument one(String text) {
        List<YamlDocument> docs = YamlReader.read("f.yaml", text);
        assertEquals(1, docs.size());
        return docs.get(0);
    }

    @Test
    void anAliasIsACopyOfTheAnchoredNode() {
        YamlDocument d = one("""
                labels: &labels
                  app: web
                  tier: front
                selector: *labels
                ports: &ports [80, 443]
                again: *ports
                name: &n web
                other: *n
                """);
        assertEquals(d.root().get("labels"), d.root().get("selector"));
        assertEquals("{\"app\":\"web\",\"tier\":\"front\"}", d.root().get("selector").toString());
        assertEquals("[80,443]", d.root().get("again").toString());
        assertEquals("web", d.root().get("other").textValue());
    }

    @Test
    void nodesReachedThroughAnAliasKeepTheLocationsWhereTheyAreWritten() {
        YamlDocument d = one("""
                labels: &labels
                  app: web
                selector: *labels
                """);
        assertEquals(new Location("f.yaml", 2, 8), d.valueLocation("/selector/app"), "the anchored value");
        assertEquals(new Location("f.yaml", 2, 3), d.keyLocation("/selector/app"), "the anchored key");
        assertEquals(new Location("f.yaml", 3, 11), d.valueLocation("/selector"), "the alias itself");
    }

    @Test
    void aMergeKeyCopiesEntriesAndKeysWrittenAfterItOverrideThem() {
        YamlDocument d = one("""
                base: &base {app: web, tier: front, team: a}
                labels:
                  <<: *base
                  tier: back
                """);
        assertEquals("{\"app\":\"web\",\"tier\":\"back\",\"team\":\"a\"}", d.root().get("labels").toString());
        assertEquals(new Location("f.yaml", 1, 19), d.valueLocation("/labels/app"));
        assertEquals(new Location("f.yaml", 4, 9), d.valueLocation("/labels/tier"));
    }

    @Test
    void aMergeIsAppliedWhereItIsWritten_asGoYamlV2Does() {
        // go-yaml v2 (kubectl) applies the merge in order: it replaces a key written before it.
        YamlDocument d = one("base: &base {tier: front}\nlabels: {tier: back, <<: *base}\n");
        assertEquals("front", d.root().at("/labels/tier").textValue());
    }

    @Test
    void aQuotedMergeKeyIsAnOrdinaryKey_asInGoYaml() {
        YamlDocument d = one("base: &base {tier: front}\nlabels: {\"<<\": *base}\n");
        assertEquals("{\"<<\":{\"tier\":\"front\"}}", d.root().get("labels").toString());
    }

    @Test
    void aListOfMergedMappingsLetsTheEarlierOnesWin() {
        YamlDocument d = one("""
                a: &a {x: 1, y: 1}
                b: &b {y: 2, z: 2}
                m:
                  <<: [*a, *b]
                """);
        assertEquals("{\"y\":1,\"z\":2,\"x\":1}", d.root().get("m").toString());
    }

    @Test
    void anchoredNodesThatUseMergesCanBeAliasedInTurn() {
        YamlDocument d = one("""
                base: &base {app: web}
                full: &full {<<: *base, tier: front}
                copy: *full
                """);
        assertEquals("{\"app\":\"web\",\"tier\":\"front\"}", d.root().get("copy").toString());
        assertEquals(new Location("f.yaml", 1, 19), d.valueLocation("/copy/app"));
    }

    @Test
    void aMergeOfSomethingThatIsNoMappingIsALocatedError() {
        InputException e = assertThrows(InputException.class, () -> one("n: &n 5\nm:\n  <<: *n\n"));
        assertEquals(new Location("f.yaml", 3, 3), e.location());
        assertEquals("a merge key (<<) takes a mapping or a list of mappings, got an integer (5)", e.detail());
    }

    @Test
    void anUnknownAnchorIsALocatedError_anchorsDoNotCrossDocuments() {
        InputException e = assertThrows(InputException.class, () -> YamlReader.read("f.yaml",
                "a: &x 1\n---\nb: *x\n"));
        assertEquals(new Location("f.yaml", 3, 4), e.location());
        assertEquals("unknown anchor \"x\" (an alias *x needs an anchor &x earlier in the same document)", e.detail());
    }

    @Test
    void anAnchorThatContainsItselfIsALocatedError() {
        InputException e = assertThrows(InputException.class, () -> one("a: &x {b: *x}\n"));
        assertEquals(new Location("f.yaml", 1, 11), e.location());
        assertEquals("anchor \"x\" contains an alias to itself", e.detail());
    }

    /** Nine levels of nine aliases: 387,420,489 scalars if expanded. */
    private static String billionLaughs() {
        StringBuilder sb = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i <= 9; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++) {
                sb.append(j == 0 ? "" : ", ").append("*a").append(i - 1);
            }
            sb.append("]\n");
        }
        return sb.toString();
    }

    @Test
    void aBillionLaughsDocumentIsRefusedAtTheAliasThatCrossedTheBound_beforeItExhaustsMemory() {
        InputException e = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(InputException.class, () -> YamlReader.read("bomb.yaml", billionLaughs())));
        assertEquals("bomb.yaml", e.file());
        assertTrue(e.line() >= 4 && e.line() <= 10, e.format());
        assertTrue(e.detail().startsWith("document contains excessive aliasing: "), e.detail());
    }

    @Test
    void moderateAliasUseLoads_likeGoYamlsRatioAllows() {
        // 3 levels of 10: 1,000 aliased scalars from about 30 written nodes, within 99 %.
        StringBuilder sb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i <= 2; i++) {
            sb.append("a").append(i).append(": &a").append(i).append(" [*a").append(i - 1)
                    .append(", *a").append(i - 1).append(", *a").append(i - 1).append(", *a").append(i - 1)
                    .append(", *a").append(i - 1).append(", *a").append(i - 1).append(", *a").append(i - 1)
                    .append(", *a").append(i - 1).append(", *a").append(i - 1).append(", *a").append(i - 1).append("]\n");
        }
        assertEquals(10, one(sb.toString()).root().at("/a2/9").size());
    }

    @Test
    void theRatioFallsFrom99PercentTo10PercentBetween400000And4000000Nodes() {
        assertEquals(0.99, AliasBudget.allowedRatio(1000));
        assertEquals(0.99, AliasBudget.allowedRatio(400_000));
        assertEquals(0.545, AliasBudget.allowedRatio(2_200_000), 1e-9);
        assertEquals(0.10, AliasBudget.allowedRatio(4_000_000));
    }

    @Test
    void aBadDocumentIsLeftOutAndTheNextOnesAreStillRead() {
        Diagnostics d = new Diagnostics();
        List<YamlDocument> docs = YamlReader.read("f.yaml", "a: 1\n---\nb: *nope\nc: [1, 2]\n---\nd: 4\n", d);
        assertEquals(List.of("{\"a\":1}", "{\"d\":4}"), docs.stream().map(x -> x.root().toString()).toList());
        InputException e = assertThrows(InputException.class, d::throwIfErrors);
        assertEquals(3, e.line());
    }

    @Test
    void anEmptyValueIsNullAndAQuotedEmptyStringStaysAString() {
        YamlDocument d = one("env:\nargs: ~\nname: \"\"\n");
        assertTrue(d.root().get("env").isNull());
        assertTrue(d.root().get("args").isNull());
        assertEquals("", d.root().get("name").textValue());
    }
}
