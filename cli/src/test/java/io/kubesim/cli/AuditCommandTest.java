package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim audit}: findings as text, JSON and SARIF, the severity gate, and bad input. */
class AuditCommandTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One replica behind a Service, no probes, no resources: several findings of every severity. */
    private static final String CARELESS = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: cart}
            spec:
              selector: {matchLabels: {app: cart}}
              template:
                metadata: {labels: {app: cart}}
                spec:
                  containers: [{name: cart, image: "cart:1"}]
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: cart}
            spec: {selector: {app: cart}, ports: [{port: 80}]}
            ---
            apiVersion: policy/v1beta1
            kind: PodDisruptionBudget
            metadata: {name: cart}
            spec: {minAvailable: 1, selector: {matchLabels: {app: cart}}}
            """;

    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    @Test
    void textGroupsFindingsByAreaWithTheirPlaceAndFix() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        CliHarness.Result r = CliHarness.run("audit", f.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("audit of 3 objects in 1 file for Kubernetes 1.34: "), r.out());
        assertTrue(r.out().contains("\nResource requests and limits\n  medium memory-limit-missing  Deployment default/cart\n"),
                r.out());
        assertTrue(r.out().contains("  medium requests-missing  Deployment default/cart\n    " + f
                + ":9:20: container cart has no CPU and no memory request"), r.out());
        assertTrue(r.out().indexOf("\nResource requests") < r.out().indexOf("\nPodDisruptionBudget coverage")
                && r.out().indexOf("\nPodDisruptionBudget coverage") < r.out().indexOf("\nAPI versions"),
                "areas in the seed's audit order: " + r.out());
        assertTrue(r.out().contains("    fix: apiVersion: policy/v1\n"), r.out());
    }

    @Test
    void theSeverityGateExitsThreeAtOrAboveItsLevel() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        assertEquals(3, CliHarness.run("audit", f.toString(), "--fail-on-severity", "high").exitCode());
        Path clean = write("clean.yaml", CARELESS.substring(0, CARELESS.indexOf("---")));
        // a Deployment nobody routes to, with neither requests nor limits: medium findings only
        assertEquals(ExitCodes.OK, CliHarness.run("audit", clean.toString(), "--fail-on-severity", "high").exitCode());
        assertEquals(3, CliHarness.run("audit", clean.toString(), "--fail-on-severity", "medium").exitCode());
    }

    @Test
    void jsonAndSarifCarryTheSameFindings() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        JsonNode json = JSON.readTree(CliHarness.run("audit", f.toString(), "--format", "json").out());
        Path sarifFile = tmp.resolve("out/audit.sarif");
        CliHarness.Result r = CliHarness.run("audit", f.toString(), "--format", "sarif", "--out", sarifFile.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("audit: "), r.out());
        JsonNode sarif = JSON.readTree(sarifFile.toFile());
        assertEquals("2.1.0", sarif.get("version").asText());
        JsonNode run = sarif.get("runs").get(0);
        JsonNode results = run.get("results");
        assertEquals(json.get("findings").size(), results.size());
        assertTrue(json.get("findings").size() >= 5, json.toString());
        for (int i = 0; i < results.size(); i++) {
            JsonNode finding = json.get("findings").get(i);
            JsonNode result = results.get(i);
            assertEquals(finding.get("rule").asText(), result.get("ruleId").asText());
            JsonNode rule = run.at("/tool/driver/rules/" + result.get("ruleIndex").asInt());
            assertEquals(result.get("ruleId").asText(), rule.get("id").asText(), "ruleIndex points at its rule");
            assertFalse(rule.at("/help/text").asText().isEmpty());
            JsonNode region = result.at("/locations/0/physicalLocation/region");
            assertEquals(finding.get("line").asInt(), region.get("startLine").asInt());
            assertEquals(finding.get("column").asInt(), region.get("startColumn").asInt());
            String level = result.get("level").asText();
            assertEquals(switch (finding.get("severity").asText()) {
                case "high" -> "error";
                case "medium" -> "warning";
                default -> "note";
            }, level);
        }
        assertEquals(CliHarness.run("audit", f.toString(), "--format", "json").out(),
                CliHarness.run("audit", f.toString(), "--format", "json").out(), "deterministic");
    }

    @Test
    void standardInputIsAudited() {
        CliHarness.Result r = CliHarness.runWithStdin(CARELESS, "audit", "-");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("<stdin>:9:20: container cart has no CPU"), r.out());
    }

    @Test
    void badInputIsOneLocatedErrorAndExitTwo() throws IOException {
        Path bad = write("bad.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}\nspec: {replicas: many}\n");
        CliHarness.Result r = CliHarness.run("audit", bad.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode());
        assertTrue(r.err().contains(bad + ":4:"), r.err());
        assertFalse(r.err().contains("at io.kubesim"), r.err());
        assertEquals(ExitCodes.BAD_INPUT, CliHarness.run("audit", tmp.resolve("missing.yaml").toString()).exitCode());
        Path f = write("cart.yaml", CARELESS);
        CliHarness.Result format = CliHarness.run("audit", f.toString(), "--format", "xml");
        assertEquals(ExitCodes.BAD_INPUT, format.exitCode());
        assertTrue(format.err().contains("--format xml: expected text, json or sarif"), format.err());
        CliHarness.Result version = CliHarness.run("audit", f.toString(), "--kube-version", "2.0");
        assertEquals(ExitCodes.BAD_INPUT, version.exitCode());
        assertTrue(version.err().contains("--kube-version 2.0: expected a release such as 1.29"), version.err());
        CliHarness.Result severity = CliHarness.run("audit", f.toString(), "--fail-on-severity", "urgent");
        assertEquals(ExitCodes.BAD_INPUT, severity.exitCode());
        assertFalse(Files.exists(tmp.resolve("never.sarif")));
    }

    @Test
    void kubeVersionDecidesWhatIsRemoved() throws IOException {
        Path f = write("cart.yaml", CARELESS);
        assertTrue(CliHarness.run("audit", f.toString(), "--kube-version", "1.24").out().contains("api-deprecated"));
        assertTrue(CliHarness.run("audit", f.toString(), "--kube-version", "v1.25.3").out().contains("api-removed"));
    }
}
