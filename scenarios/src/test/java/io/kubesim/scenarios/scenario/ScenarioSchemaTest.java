package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.ExampleScenario;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/scenario.schema.json and the loader accept the same scenario format: the same objects
 * with the same fields, the same duration grammar, and the examples (the test scenario and the
 * ones in docs/scenario-format.md) are valid for both.
 */
class ScenarioSchemaTest {
    private static final Path DOCS = findDocs();
    private static final JsonNode SCHEMA_NODE = readJson(DOCS.resolve("scenario.schema.json"));
    private static final JsonSchema SCHEMA =
            JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(SCHEMA_NODE);

    private static Path findDocs() {
        Path d = Path.of("").toAbsolutePath();
        while (d != null && !Files.isRegularFile(d.resolve("docs/scenario.schema.json"))) {
            d = d.getParent();
        }
        if (d == null) {
            throw new IllegalStateException("docs/scenario.schema.json not found above " + Path.of("").toAbsolutePath());
        }
        return d.resolve("docs");
    }

    private static JsonNode readJson(Path p) {
        try {
            return new ObjectMapper().readTree(p.toFile());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Set<ValidationMessage> validate(String yaml) throws Exception {
        return SCHEMA.validate(new YAMLMapper().readTree(yaml));
    }

    @Test
    void everyObjectOfTheFormatIsInTheSchemaWithTheSameFields() {
        JsonNode defs = SCHEMA_NODE.get("$defs");
        ScenarioFormat.OBJECTS.forEach((name, fields) -> {
            JsonNode def = defs.get(name);
            assertTrue(def != null, "schema lacks $defs/" + name);
            assertEquals(new TreeSet<>(fields), names(def.get("properties")), "fields of " + name);
            assertFalse(def.get("additionalProperties").asBoolean(true), name + " must reject unknown fields");
        });
    }

    @Test
    void everyClosedObjectOfTheSchemaIsPartOfTheFormat() {
        Iterator<String> it = SCHEMA_NODE.get("$defs").fieldNames();
        List<String> closed = new ArrayList<>();
        while (it.hasNext()) {
            String name = it.next();
            JsonNode ap = SCHEMA_NODE.get("$defs").get(name).get("additionalProperties");
            if (ap != null && ap.isBoolean() && !ap.asBoolean()) {
                closed.add(name);
            }
        }
        assertEquals(new TreeSet<>(ScenarioFormat.OBJECTS.keySet()), new TreeSet<>(closed));
    }

    @Test
    void timelineActionsMatch() {
        Set<String> props = names(SCHEMA_NODE.at("/$defs/TimelineEntry/properties"));
        props.remove("at");
        assertEquals(new TreeSet<>(ScenarioFormat.ACTIONS), props);
    }

    @Test
    void closedLoopArrivalsAreValidForTheSchemaWithTheLoadersLimits() throws Exception {
        String arrivals = "    arrivals: {constant: 50}";
        String good = "    arrivals: {closedLoop: {users: 15, thinkTime: {exponential: {mean: 200ms}}, maxRate: 100}}";
        assertEquals(Set.of(), validate(ScenarioTrafficTest.BASE.replace(arrivals, good)));
        for (String bad : List.of("{users: 0}", "{users: 1.5}", "{users: 15, maxRate: 0}", "{thinkTime: 1s}",
                "{users: 15, thinkTime: 2}")) {
            assertFalse(validate(ScenarioTrafficTest.BASE.replace(arrivals, "    arrivals: {closedLoop: " + bad + "}"))
                    .isEmpty(), bad);
        }
    }

    @Test
    void theExampleScenarioIsValid() throws Exception {
        String yaml = Files.readString(ExampleScenario.path());
        assertEquals(Set.of(), validate(yaml));
    }

    @Test
    void theExamplesInTheFormatReferenceAreValidForTheSchema() throws Exception {
        String md = Files.readString(DOCS.resolve("scenario-format.md"));
        Matcher m = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(md);
        int scenarios = 0;
        while (m.find()) {
            String block = m.group(1);
            if (block.contains("kind: Scenario")) {
                scenarios++;
                assertEquals(Set.of(), validate(block), block);
            }
        }
        assertTrue(scenarios >= 1, "scenario-format.md has a full example");
    }

    @Test
    void perContainerApplicationModelsAreValidForTheSchema() throws Exception {
        assertEquals(Set.of(), validate(ContainerModelsTest.SCENARIO));
        assertFalse(validate(ContainerModelsTest.SCENARIO.replace("{initTime: 7s}", "{initTme: 7s}")).isEmpty(),
                "unknown field of a container entry");
    }

    @Test
    void theSchemaRejectsWhatTheLoaderRejects() throws Exception {
        String yaml = Files.readString(ExampleScenario.path());
        assertFalse(validate(yaml.replace("duration: 10m", "duraton: 10m")).isEmpty(), "unknown field");
        assertFalse(validate(yaml.replace("duration: 10m", "duration: 600")).isEmpty(), "bare number duration");
        assertFalse(validate(yaml.replace("count: 3", "count: -1")).isEmpty(), "node count -1");
        assertTrue(validate(yaml.replace("count: 3", "count: 0")).isEmpty(), "an empty pool that grows later");
        assertFalse(validate(yaml.replace("replicas: 5}", "replicas: 5}\n    cordon: {nodes: [a]}")).isEmpty(),
                "two actions in one entry");
        assertFalse(validate(yaml.replace("{pool: pool-a, count: 1}", "{pool: pool-a, count: 1, nodes: [x]}")).isEmpty(),
                "removeNodes with both forms");
    }

    @Test
    void theSchemaRejectsBadTrafficAsTheLoaderDoes() throws Exception {
        String yaml = Files.readString(ExampleScenario.path()) + "traffic:\n  - service: web\n    arrivals: %s\n";
        assertTrue(validate(yaml.formatted("{constant: 5}")).isEmpty(), "a constant rate");
        assertFalse(validate(yaml.formatted("{constant: 5, steps: [{at: 0s, rate: 1}]}")).isEmpty(), "two arrival kinds");
        assertFalse(validate(yaml.formatted("{constant: -5}")).isEmpty(), "a negative rate");
        assertFalse(validate(yaml.formatted("{trace: {file: t.csv, layout: csv}}")).isEmpty(), "an unknown layout");
        assertFalse(validate(yaml.formatted("{ramp: {from: 1, to: 2, over: 10}}")).isEmpty(), "a bare number duration");
        assertFalse(validate(yaml.formatted("{spikes: {base: 1, bursts: [{at: 1m, duration: 1s, rate: 2, multiplier: 2}]}}"))
                .isEmpty(), "a burst with rate and multiplier");
    }

    /** The schema's Duration pattern and {@link Durations} agree on what a duration is. */
    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"0", "90s", "5m", "1h30m", "1.5s", "250ms", "10us", "10µs", ".5s", "1.s", "30", "-5s", "5x",
            "1.2.3s", "s", "", "1h 30m"})
    void durationGrammarMatchesTheParser(String text) {
        Pattern p = Pattern.compile(SCHEMA_NODE.at("/$defs/Duration/pattern").asText());
        boolean schemaAccepts = p.matcher(text).matches();
        boolean parserAccepts;
        try {
            Durations.parseMicros(text);
            parserAccepts = true;
        } catch (IllegalArgumentException e) {
            parserAccepts = false;
        }
        assertEquals(parserAccepts, schemaAccepts);
    }

    private static Set<String> names(JsonNode object) {
        Set<String> s = new TreeSet<>();
        object.fieldNames().forEachRemaining(s::add);
        return s;
    }

}
