package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code run --fail-on}, scenario {@code gates:} and {@code --junit}, end to end: each quantity
 * measures what summary.json says, a tripped gate exits 3 after the outputs are written, and the
 * JUnit file is valid for CI servers. Runs library/no-prestop.yaml (requests fail during its
 * rollout, so every quantity has something to measure).
 */
class GateRunTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern MEASURED = Pattern.compile("gate failed: (.*): measured (\\S+)");
    private static final String SCENARIO = CliHarness.library("no-prestop.yaml");

    @TempDir
    static Path shared;
    static JsonNode summary;

    @TempDir
    Path tmp;

    @BeforeAll
    static void runOnce() throws IOException {
        Path out = shared.resolve("plain");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        summary = JSON.readTree(out.resolve("summary.json").toFile());
    }

    static List<Arguments> quantities() {
        return List.of(
                // the whole run without the Services' cold start (summary.json startup), counted per Service
                Arguments.of("errorRatio", (ToDoubleFunction<JsonNode>) s ->
                        (s.at("/services/checkout/failed").asDouble() - s.at("/startup/failed").asDouble())
                                / (s.at("/services/checkout/requests").asDouble() - s.at("/startup/requests").asDouble())),
                // one Service without its own startup (summary.json startup.byService; absent reads as 0)
                Arguments.of("errorRatio[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        (s.at("/services/checkout/failed").asDouble() - s.at("/startup/byService/checkout/failed").asDouble())
                                / (s.at("/services/checkout/requests").asDouble()
                                        - s.at("/startup/byService/checkout/requests").asDouble())),
                Arguments.of("failed", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/services/checkout/failed").asDouble() - s.at("/startup/failed").asDouble()),
                Arguments.of("failed[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/services/checkout/failed").asDouble() - s.at("/startup/byService/checkout/failed").asDouble()),
                Arguments.of("outageSeconds", (ToDoubleFunction<JsonNode>) s -> s.at("/services/checkout/outageSeconds").asDouble()),
                Arguments.of("outageSeconds[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/services/checkout/outageSeconds").asDouble()),
                Arguments.of("p99Ms", (ToDoubleFunction<JsonNode>) s -> s.at("/services/checkout/p99MsAfterStartup").asDouble()),
                Arguments.of("p99Ms[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/services/checkout/p99MsAfterStartup").asDouble()),
                Arguments.of("minAvailable[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/workloads/Deployment~1checkout/minAvailable").asDouble()),
                Arguments.of("minAvailable[Deployment/checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/workloads/Deployment~1checkout/minAvailable").asDouble()),
                Arguments.of("rolloutSeconds[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/deployments/checkout/rollouts/0/seconds").asDouble()),
                Arguments.of("rolloutSeconds", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/deployments/checkout/rollouts/0/seconds").asDouble()),
                Arguments.of("pendingSeconds", (ToDoubleFunction<JsonNode>) s -> s.at("/pods/longestPendingSeconds").asDouble()),
                Arguments.of("secondsBelowDesired[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/workloads/Deployment~1checkout/secondsBelowDesired").asDouble()),
                Arguments.of("action[rollout checkout].failed", (ToDoubleFunction<JsonNode>) s -> s.at("/actions/0/failed").asDouble()),
                Arguments.of("action[1].failed[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/failedByService/checkout/failed").asDouble()),
                Arguments.of("action[rollout checkout].errorRatio", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/failed").asDouble() / s.at("/actions/0/requests").asDouble()),
                Arguments.of("action[rollout checkout].p99Ms", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/p99Ms/checkout").asDouble()),
                Arguments.of("action[rollout checkout].outageSeconds", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/outageSeconds/checkout").asDouble()), // absent (no outage) reads as 0
                Arguments.of("action[rollout checkout].secondsBelowDesired[checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/workloads/Deployment~1checkout/secondsBelowDesired").asDouble()),
                Arguments.of("action[rollout checkout].minAvailable[Deployment/checkout]", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/workloads/Deployment~1checkout/minAvailable").asDouble()),
                Arguments.of("action[rollout checkout].evictions", (ToDoubleFunction<JsonNode>) s -> s.at("/actions/0/evictions").asDouble()),
                Arguments.of("action[rollout checkout].pendingPodSeconds", (ToDoubleFunction<JsonNode>) s ->
                        s.at("/actions/0/pendingPodSeconds").asDouble()));
    }

    @Test
    @DisplayName("no-prestop's only action is its rollout, so the rollout's failures are all the run's failures")
    void theRolloutCostsEveryFailure() {
        assertEquals(1, summary.at("/actions").size());
        double failed = summary.at("/requests/failed").asDouble();
        assertTrue(failed > 0);
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                "--fail-on", "action[rollout checkout].failed != " + (long) failed);
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
    }

    @Test
    @DisplayName("an upgrade's evictions, outage and time below desired are measured in its window (drain-no-pdb)")
    void upgradeWindow() throws IOException {
        Path out = tmp.resolve("drain");
        CliHarness.Result r = CliHarness.run("run", CliHarness.library("drain-no-pdb.yaml"), "--out", out.toString(), "-q",
                "--fail-on", "action[upgrade pool-a].evictions > 0", "--fail-on", "action[1].outageSeconds[cart] > 0",
                "--fail-on", "action[1].secondsBelowDesired[cart] > 0");
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        JsonNode action = JSON.readTree(out.resolve("summary.json").toFile()).at("/actions/0");
        assertEquals(List.of(
                "gate failed: action[upgrade pool-a].evictions > 0: measured " + action.at("/evictions").asText(),
                "gate failed: action[1].outageSeconds[cart] > 0: measured " + action.at("/outageSeconds/cart").asText(),
                "gate failed: action[1].secondsBelowDesired[cart] > 0: measured "
                        + action.at("/workloads/Deployment~1cart/secondsBelowDesired").asText()),
                r.err().lines().toList());
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            no such action   | action[rollout chekout].failed > 0 | no action "rollout chekout" in this run (actions: 1: rollout checkout)
            index past end   | action[2].failed > 0               | no action "2" in this run (actions: 1: rollout checkout)
            unknown service  | action[1].failed[web] > 0          | no service "web" in this run (checkout)
            unknown workload | action[1].secondsBelowDesired[web] > 0 | no workload "web" in this run (Deployment/checkout)
            errorRatio of a service | action[1].errorRatio[checkout] > 0 | errorRatio of an action takes no [service] (use failed[checkout])
            """)
    @DisplayName("an action selector naming no action of the scenario is exit 2 before the run, listing the actions "
            + "there are, with nothing written")
    void unknownAction(String name, String gate, String detail) {
        Path out = tmp.resolve("o");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(), "-q", "--fail-on", gate);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: gate " + gate.replace(">", " > ").replaceAll(" +", " ") + ": " + detail, r.err().strip());
        assertFalse(Files.exists(out), "checked before the run: no output directory");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("quantities")
    @DisplayName("each quantity measures the number summary.json shows")
    void measuresWhatTheSummarySays(String quantity, ToDoubleFunction<JsonNode> fromSummary) {
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                "--fail-on", quantity + " >= -1");
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        Matcher m = MEASURED.matcher(r.err().strip());
        assertTrue(m.matches(), r.err());
        assertEquals(fromSummary.applyAsDouble(summary), Double.parseDouble(m.group(2)), 1e-6, r.err());
    }

    @Test
    @DisplayName("tripped gates exit 3 with one line each, in order, after every output is written")
    void trippedGatesExit3() throws IOException {
        Path out = tmp.resolve("o");
        double failed = summary.at("/requests/failed").asDouble();
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(),
                "--fail-on", "failed > 0", "--fail-on", "pendingSeconds > 1000", "--fail-on", "p99Ms[checkout]>=0");
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        assertTrue(failed > 0, "the scenario fails requests during its rollout");
        List<String> lines = r.err().lines().filter(l -> l.startsWith("gate failed")).toList();
        assertEquals(List.of("gate failed: failed > 0: measured " + (long) failed,
                "gate failed: p99Ms[checkout] >= 0: measured " + summary.at("/services/checkout/p99Ms").asText()), lines);
        for (String file : List.of("summary.json", "timeseries.csv", "events.jsonl")) {
            assertTrue(Files.exists(out.resolve(file)), file);
        }
        assertFalse(r.out().contains("gates: all"), r.out());
    }

    @Test
    @DisplayName("when every gate passes, run exits 0 and says so in one line")
    void passingGates() {
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(),
                "--fail-on", "failed > 1000000", "--fail-on", "minAvailable[checkout] < 1");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertEquals(1, r.out().lines().filter(l -> l.contains("gates: all 2 passed")).count(), r.out());
        assertFalse(r.err().contains("gate failed"), r.err());
    }

    @Test
    @DisplayName("the scenario's gates are checked with --fail-on's, the scenario's first")
    void scenarioGates() throws IOException {
        Path library = Path.of(SCENARIO).getParent();
        String text = Files.readString(Path.of(SCENARIO))
                .replace("  - manifests/checkout.yaml", "  - " + library.resolve("manifests/checkout.yaml"))
                + "gates:\n  - failed[checkout] > 0\n  - rolloutSeconds > 3600\n";
        Path scenario = tmp.resolve("gated.yaml");
        Files.writeString(scenario, text);
        CliHarness.Result r = CliHarness.run("run", scenario.toString(), "--out", tmp.resolve("o").toString(), "-q",
                "--fail-on", "pendingSeconds >= 0");
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        List<String> tripped = r.err().lines().filter(l -> l.startsWith("gate failed"))
                .map(l -> l.replaceAll(": measured .*", "")).toList();
        assertEquals(List.of("gate failed: failed[checkout] > 0", "gate failed: pendingSeconds >= 0"), tripped);
    }

    @Test
    @DisplayName("an action after a shorter --until never plays: a gate on it is refused before the run")
    void actionCutOffByDuration() {
        Path out = tmp.resolve("o");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(), "-q", "--until", "90s",
                "--fail-on", "action[rollout checkout].failed > 0");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: gate action[rollout checkout].failed > 0: no action \"rollout checkout\" in this run "
                + "(the run has no actions)", r.err().strip());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {"run", "validate"})
    @DisplayName("a scenario gate naming nothing in the scenario is an error at its list item, before the run")
    void scenarioGateNamingNothing(String command) throws IOException {
        Path library = Path.of(SCENARIO).getParent();
        String text = Files.readString(Path.of(SCENARIO))
                .replace("  - manifests/checkout.yaml", "  - " + library.resolve("manifests/checkout.yaml"))
                + "gates:\n  - failed[checkout] > 0\n  - action[rollout web].failed > 0\n";
        Path scenario = tmp.resolve("gated.yaml");
        Files.writeString(scenario, text);
        int line = (int) text.lines().count(); // the last gate
        Path out = tmp.resolve("o");
        CliHarness.Result r = command.equals("run")
                ? CliHarness.run("run", scenario.toString(), "--out", out.toString(), "-q")
                : CliHarness.run("validate", scenario.toString());
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: " + scenario + ":" + line + ":5: gate action[rollout web].failed > 0: no action "
                + "\"rollout web\" in this run (actions: 1: rollout checkout)", r.err().lines().findFirst().orElse(""));
        assertFalse(Files.exists(out));
    }

    @Test
    @DisplayName("--junit writes one testcase per gate, valid against the Surefire report schema")
    void junit() throws Exception {
        Path xml = tmp.resolve("gates.xml");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                "--fail-on", "failed > 0", "--fail-on", "p99Ms[checkout] < 0", "--fail-on", "errorRatio > 0.5%",
                "--junit", xml.toString());
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(GateRunTest.class.getResourceAsStream("/junit/junit-report.xsd")));
        schema.newValidator().validate(new StreamSource(xml.toFile())); // throws on an invalid report

        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile());
        Element suite = doc.getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        List<String> names = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < cases.getLength(); i++) {
            Element c = (Element) cases.item(i);
            names.add(c.getAttribute("name"));
            NodeList f = c.getElementsByTagName("failure");
            if (f.getLength() > 0) {
                failures.add(((Element) f.item(0)).getAttribute("message"));
            }
        }
        assertEquals(List.of("failed > 0", "p99Ms[checkout] < 0", "errorRatio > 0.5%", "action[rollout checkout]"), names,
                "one testcase per gate, then one per timeline action");
        List<String> printed = r.err().lines().filter(l -> l.startsWith("gate failed")).toList();
        assertEquals(printed, failures, "each failure message is the line run printed, with the measured value");
        assertEquals(String.valueOf(failures.size()), suite.getAttribute("failures"));
        assertEquals("4", suite.getAttribute("tests"));
        Element action = (Element) cases.item(3);
        assertEquals("kubesim.actions.no-prestop", action.getAttribute("classname"));
        assertEquals(0, action.getElementsByTagName("failure").getLength(), "no gate names the rollout, so it passes");
        String cost = action.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(cost.matches("120s to \\d+s: \\d+ requests, [1-9]\\d* failed, 0 evictions, 0 pending pod-seconds"), cost);
    }

    @Test
    @DisplayName("--junit: a tripped gate on an action fails that action's testcase too, by name or by number")
    void junitActionCaseFailsWithItsGate() throws Exception {
        Path xml = tmp.resolve("actions.xml");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                "--fail-on", "action[rollout checkout].failed > 0", "--fail-on", "action[1].evictions > 0",
                "--junit", xml.toString());
        assertEquals(ExitCodes.GATE_TRIPPED, r.exitCode(), r.err());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(GateRunTest.class.getResourceAsStream("/junit/junit-report.xsd")))
                .newValidator().validate(new StreamSource(xml.toFile()));
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(3, cases.getLength());
        Element action = (Element) cases.item(2);
        assertEquals("action[rollout checkout]", action.getAttribute("name"));
        Element failure = (Element) action.getElementsByTagName("failure").item(0);
        assertTrue(failure.getAttribute("message").startsWith("gate failed: action[rollout checkout].failed > 0: measured "),
                failure.getAttribute("message"));
        assertEquals("2", suite.getAttribute("failures"), "the tripped gate and the action it names; evictions stayed 0");
    }

    @Test
    @DisplayName("--junit without any gate writes a valid suite of the actions alone and run exits 0")
    void junitWithoutGates() throws Exception {
        Path xml = tmp.resolve("none.xml");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                "--junit", xml.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(GateRunTest.class.getResourceAsStream("/junit/junit-report.xsd")))
                .newValidator().validate(new StreamSource(xml.toFile()));
        Element suite = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(xml.toFile()).getDocumentElement();
        assertEquals("1", suite.getAttribute("tests"), "no gate, the rollout's testcase only");
        assertEquals("0", suite.getAttribute("failures"));
        assertEquals("kubesim.no-prestop", suite.getAttribute("name"));
    }

    @Test
    @DisplayName("the schema does reject a report CI servers would not read (a failure without a type)")
    void schemaRejectsBadReports() throws Exception {
        var schema = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI)
                .newSchema(new StreamSource(GateRunTest.class.getResourceAsStream("/junit/junit-report.xsd")));
        String bad = "<testsuite name=\"s\" tests=\"1\" failures=\"1\" errors=\"0\" skipped=\"0\">"
                + "<testcase name=\"g\" time=\"0\"><failure message=\"m\"/></testcase></testsuite>";
        org.junit.jupiter.api.Assertions.assertThrows(org.xml.sax.SAXException.class, () -> schema.newValidator()
                .validate(new StreamSource(new java.io.StringReader(bad))));
    }

    @Test
    @DisplayName("the same run writes the same JUnit bytes")
    void junitIsDeterministic() throws IOException {
        Path a = tmp.resolve("a.xml");
        Path b = tmp.resolve("b.xml");
        for (Path xml : List.of(a, b)) {
            CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o").toString(), "-q",
                    "--fail-on", "failed > 0", "--junit", xml.toString());
        }
        assertEquals(Files.readString(a), Files.readString(b));
    }

    @Test
    @DisplayName("a bad --fail-on is a usage error before the run: exit 2, column and quantities named, nothing written")
    void badExpression() {
        Path out = tmp.resolve("never");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(), "--fail-on", "p99Ms[checkout] => 250");
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: --fail-on \"p99Ms[checkout] => 250\": column 17: expected an operator (> >= < <= == !=), "
                + "got \"=> 250\" (quantities: " + io.kubesim.scenarios.gate.GateQuantity.allUsages() + ")",
                r.err().strip());
        assertFalse(Files.exists(out));
    }

    @ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', textBlock = """
            service            | p99Ms[chekout] > 250                | no service "chekout" in this run (checkout)
            workload           | minAvailable[Deployment/web] < 1    | no workload "Deployment/web" in this run (Deployment/checkout)
            deployment         | rolloutSeconds[web] > 300           | no Deployment "web" in this run (checkout)
            service of action  | action[1].p99Ms[web] > 250          | no service "web" in this run (checkout)
            """)
    @DisplayName("a selector naming nothing in the scenario is a usage error before the run that lists what there is, "
            + "with nothing written")
    void unknownSelector(String what, String gate, String detail) {
        Path out = tmp.resolve("o");
        CliHarness.Result r = CliHarness.run("run", SCENARIO, "--out", out.toString(), "-q", "--fail-on", gate);
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r.err());
        assertEquals("error: gate " + gate + ": " + detail, r.err().strip());
        assertFalse(Files.exists(out), "checked before the run: no output directory");
    }

    @Test
    @DisplayName("--junit creates the report's directories; a path that cannot be written is exit 2 with one line")
    void junitPaths() throws Exception {
        Path nested = tmp.resolve("build/reports/kubesim.xml");
        CliHarness.Result ok = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o1").toString(), "-q",
                "--fail-on", "failed<0", "--junit", nested.toString());
        assertEquals(0, ok.exitCode(), ok.err());
        assertTrue(java.nio.file.Files.readString(nested).contains("<testsuite name=\"kubesim.no-prestop\""));

        Path file = tmp.resolve("plain");
        java.nio.file.Files.writeString(file, "x");
        CliHarness.Result bad = CliHarness.run("run", SCENARIO, "--out", tmp.resolve("o2").toString(), "-q",
                "--fail-on", "failed<0", "--junit", file.resolve("j.xml").toString());
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--junit " + file.resolve("j.xml") + ": cannot write the report"), bad.err());
        assertFalse(bad.err().contains("\tat "), bad.err());
    }
}
