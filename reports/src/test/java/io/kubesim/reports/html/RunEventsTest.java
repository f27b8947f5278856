package io.kubesim.reports.html;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.reports.JsonLinesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * events.jsonl streamed for report.html: each field as the JSON tree the report used to read would
 * give it, the file read again at each pass, and damage named as the tree reader names it.
 */
class RunEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String[] FIELDS = {"time", "type", "reason", "object", "message"};

    @TempDir
    Path tmp;

    /** A value of any JSON kind the fields might hold, written as JSON text. */
    private static String value(Random r) {
        return switch (r.nextInt(10)) {
            case 0 -> String.valueOf(r.nextInt(100_000));
            case 1 -> String.valueOf(r.nextLong());
            case 2 -> String.valueOf(r.nextInt(1000) / 8.0);
            case 3 -> String.valueOf(r.nextDouble() * 1e-5);
            case 4 -> "\"Warning\"";
            case 5 -> "\"quote \\\" tab \\t \\u00e9 <b>\"";
            case 6 -> "null";
            case 7 -> r.nextBoolean() ? "true" : "false";
            case 8 -> "{\"nested\":[1,{\"a\":\"b\"}]}";
            default -> "\"" + r.nextInt(5000) + ".25\"";
        };
    }

    @Test
    @DisplayName("each field reads as JsonNode.asText (time also as asDouble), whatever its kind, missing or repeated")
    void fieldsReadAsTheTreeReadsThem() throws IOException {
        Random r = new Random(11);
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            StringBuilder line = new StringBuilder("{");
            int fields = r.nextInt(8);
            for (int f = 0; f < fields; f++) {
                String name = r.nextInt(6) == 0 ? "source" : FIELDS[r.nextInt(FIELDS.length)];
                line.append(f == 0 ? "" : ",").append('"').append(name).append("\":").append(value(r));
            }
            lines.add(line.append('}').toString());
        }
        Path file = tmp.resolve("events.jsonl");
        Files.write(file, lines);
        List<RunEvents.Event> read = new ArrayList<>();
        new RunEvents(file).forEach(read::add);
        assertEquals(lines.size(), read.size());
        for (int i = 0; i < lines.size(); i++) {
            JsonNode tree = JSON.readTree(lines.get(i));
            RunEvents.Event e = read.get(i);
            String why = lines.get(i);
            assertEquals(tree.path("time").asText(), e.time(), why);
            assertEquals(tree.path("time").asDouble(), e.seconds(), why);
            assertEquals(tree.path("type").asText(), e.type(), why);
            assertEquals(tree.path("reason").asText(), e.reason(), why);
            assertEquals(tree.path("object").asText(), e.object(), why);
            assertEquals(tree.path("message").asText(), e.message(), why);
        }
    }

    @Test
    @DisplayName("every pass reads the file again from its start; blank lines are skipped")
    void passesReadAgain() throws IOException {
        Path file = tmp.resolve("events.jsonl");
        Files.writeString(file, "{\"time\":1,\"reason\":\"A\"}\n\n{\"time\":2,\"reason\":\"B\"}\n");
        RunEvents events = new RunEvents(file);
        for (int pass = 0; pass < 3; pass++) {
            List<String> reasons = new ArrayList<>();
            for (RunEvents.Event e : events) {
                reasons.add(e.reason());
            }
            assertEquals(List.of("A", "B"), reasons);
        }
    }

    @Test
    @DisplayName("a damaged line: the file, line, column and reason the tree reader gives")
    void damageIsNamedAsTheTreeReaderNamesIt() throws IOException {
        for (String damaged : List.of("{oops", "[1,2]", "\"text\"", "{\"time\":}", "{\"a\":1,,}", "12 13",
                "{\"source\":{\"a\":[1,}}", "{\"message\":\"open")) {
            Path file = tmp.resolve("events.jsonl");
            Files.writeString(file, "{\"time\":0}\n" + damaged + "\n");
            String expected = assertThrows(JsonLinesFile.Damaged.class, () -> JsonLinesFile.read(file)).getMessage();
            ReportInputException e = assertThrows(ReportInputException.class, () -> new RunEvents(file).forEach(x -> { }));
            assertEquals(expected, e.getMessage(), damaged);
        }
    }
}
