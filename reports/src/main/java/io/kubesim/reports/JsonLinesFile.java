package io.kubesim.reports;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reading back a JSON Lines file kubesim wrote (events.jsonl, scheduling.jsonl, decisions.jsonl),
 * for the commands that work from a run's directory (explain, report). A line that is not one
 * JSON object is a {@link Damaged} naming the file, line and column.
 */
public final class JsonLinesFile {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** The file cannot be read as kubesim writes it; the message says where and why. */
    public static final class Damaged extends RuntimeException {
        Damaged(String message) {
            super(message);
        }
    }

    private JsonLinesFile() {
    }

    /**
     * Every object of {@code file} in order; blank lines are skipped. The objects are held compactly
     * ({@link CompactObjects}): read them, do not change them.
     */
    public static List<JsonNode> read(Path file) {
        List<JsonNode> out = new ArrayList<>();
        CompactObjects compact = new CompactObjects();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            int n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) {
                    continue;
                }
                JsonNode node;
                try {
                    node = MAPPER.readTree(line);
                } catch (JsonProcessingException e) {
                    throw new Damaged(notJson(file, n, e));
                }
                if (!node.isObject()) {
                    throw new Damaged(notAnObject(file, n));
                }
                out.add(compact.compact(node));
            }
        } catch (IOException e) {
            throw new Damaged(file + ": cannot read (" + e.getMessage() + ")");
        }
        return Collections.unmodifiableList(out);
    }

    /** The message for line {@code line} of {@code file} that the parser refused. */
    public static String notJson(Path file, int line, JsonProcessingException e) {
        return file + ":" + line + ":" + e.getLocation().getColumnNr() + ": not JSON (" + e.getOriginalMessage() + ")";
    }

    /** The message for line {@code line} of {@code file} that is JSON but not an object. */
    public static String notAnObject(Path file, int line) {
        return file + ":" + line + ":1: expected one JSON object per line";
    }
}
