package io.kubesim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reading a run's JSON Lines back: every object reads exactly as Jackson reads it (fields, order,
 * values, nested objects), while repeated strings and key lists are held once, so millions of
 * events fit in the heap; a line that is not one object is a located error.
 */
class JsonLinesFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static final List<String> LINES = List.of(
            "{\"time\":0,\"type\":\"Normal\",\"reason\":\"Scheduled\",\"object\":\"Pod/default/web-1\","
                    + "\"message\":\"Successfully assigned default/web-1 to n1\",\"source\":\"default-scheduler\"}",
            "{\"time\":1.5,\"type\":\"Normal\",\"reason\":\"Pulled\",\"object\":\"Pod/default/web-1\","
                    + "\"message\":\"Container image \\\"nginx\\\" already present on machine\",\"source\":\"kubelet\"}",
            "",
            "{\"time\":2,\"type\":\"Warning\",\"reason\":\"Unhealthy\",\"object\":\"Pod/default/web-1\","
                    + "\"message\":\"Readiness probe failed\",\"source\":\"kubelet\"}",
            "{\"pod\":\"web-2\",\"scores\":{\"n1\":[1,2],\"n2\":{\"a\":null,\"b\":true}},\"feasible\":[\"n1\",\"n2\"]}");

    private Path file() throws IOException {
        Path f = dir.resolve("events.jsonl");
        Files.write(f, LINES);
        return f;
    }

    @Test
    @DisplayName("each object equals Jackson's reading of its line, prints the same and answers the same lookups")
    void readsAsJackson() throws IOException {
        List<JsonNode> read = JsonLinesFile.read(file());
        List<JsonNode> jackson = new ArrayList<>();
        for (String l : LINES) {
            if (!l.isBlank()) {
                jackson.add(JSON.readTree(l));
            }
        }
        assertEquals(jackson.size(), read.size());
        for (int i = 0; i < read.size(); i++) {
            assertEquals(jackson.get(i), read.get(i));
            assertEquals(read.get(i), jackson.get(i), "equality both ways");
            assertEquals(jackson.get(i).toString(), read.get(i).toString());
            assertEquals(jackson.get(i).size(), read.get(i).size());
        }
        JsonNode scheduled = read.get(0);
        assertEquals("Scheduled", scheduled.get("reason").asText());
        assertEquals(0, scheduled.get("time").asDouble());
        assertTrue(scheduled.has("source"));
        assertTrue(scheduled.get("missing") == null && scheduled.path("missing").isMissingNode());
        assertEquals(List.of("time", "type", "reason", "object", "message", "source"),
                iterable(scheduled.fieldNames()));
        assertEquals(2, read.get(3).get("scores").get("n1").get(1).asInt());
        assertTrue(read.get(3).get("scores").get("n2").get("b").asBoolean());
    }

    @Test
    @DisplayName("a string that repeats is one node, however many objects carry it")
    void repeatedStringsAreShared() throws IOException {
        List<JsonNode> read = JsonLinesFile.read(file());
        assertSame(read.get(0).get("type"), read.get(1).get("type"));
        assertSame(read.get(0).get("object"), read.get(2).get("object"));
        assertSame(read.get(1).get("source"), read.get(2).get("source"));
    }

    @Test
    @DisplayName("a line that is not one JSON object names the file, line and column")
    void damagedLine() throws IOException {
        Path f = dir.resolve("bad.jsonl");
        Files.write(f, List.of("{\"time\":0}", "[1,2]"));
        JsonLinesFile.Damaged e = assertThrows(JsonLinesFile.Damaged.class, () -> JsonLinesFile.read(f));
        assertEquals(f + ":2:1: expected one JSON object per line", e.getMessage());
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
