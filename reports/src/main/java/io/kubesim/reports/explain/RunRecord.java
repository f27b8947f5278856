package io.kubesim.reports.explain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.kubesim.reports.JsonLinesFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A finished run's outputs as {@code kubesim explain} reads them: summary.json, events.jsonl,
 * and what {@code kubesim run --decisions} adds (scheduling.jsonl, decisions.jsonl). Reading
 * fails with one {@link RunRecordException} naming the file (and line) when a file is missing or
 * is not what kubesim wrote.
 */
public final class RunRecord {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final Path dir;
    private final JsonNode summary;
    private final List<JsonNode> events;
    private final List<JsonNode> scheduling;
    private final List<JsonNode> decisions;

    private RunRecord(Path dir, JsonNode summary, List<JsonNode> events, List<JsonNode> scheduling,
                      List<JsonNode> decisions) {
        this.dir = dir;
        this.summary = summary;
        this.events = events;
        this.scheduling = scheduling;
        this.decisions = decisions;
    }

    public static RunRecord read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new RunRecordException(dir + ": not a directory (expected the --out directory of kubesim run)");
        }
        Path summaryFile = dir.resolve("summary.json");
        if (!Files.isRegularFile(summaryFile)) {
            throw new RunRecordException(dir + ": no summary.json (expected the --out directory of kubesim run)");
        }
        for (String f : List.of("scheduling.jsonl", "decisions.jsonl")) {
            if (!Files.isRegularFile(dir.resolve(f))) {
                throw new RunRecordException(dir + ": no " + f
                        + "; explain reads what `kubesim run --decisions` writes: run the scenario again with --decisions");
            }
        }
        JsonNode summary;
        try {
            summary = MAPPER.readTree(summaryFile.toFile());
        } catch (JsonProcessingException e) {
            throw new RunRecordException(summaryFile + ":" + e.getLocation().getLineNr() + ":"
                    + e.getLocation().getColumnNr() + ": not JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new RunRecordException(summaryFile + ": cannot read (" + e.getMessage() + ")");
        }
        return new RunRecord(dir, summary, lines(dir.resolve("events.jsonl")), lines(dir.resolve("scheduling.jsonl")),
                lines(dir.resolve("decisions.jsonl")));
    }

    private static List<JsonNode> lines(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new RunRecordException(file + ": missing (expected the --out directory of kubesim run)");
        }
        try {
            return JsonLinesFile.read(file);
        } catch (JsonLinesFile.Damaged e) {
            throw new RunRecordException(e.getMessage());
        }
    }

    public Path dir() {
        return dir;
    }

    public JsonNode summary() {
        return summary;
    }

    /** events.jsonl, in order. */
    public List<JsonNode> events() {
        return events;
    }

    /** scheduling.jsonl, in order. */
    public List<JsonNode> scheduling() {
        return scheduling;
    }

    /** decisions.jsonl, in order. */
    public List<JsonNode> decisions() {
        return decisions;
    }
}
