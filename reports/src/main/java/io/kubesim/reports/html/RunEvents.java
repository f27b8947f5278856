package io.kubesim.reports.html;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.NumberInput;
import io.kubesim.reports.JsonLinesFile;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * events.jsonl as report.html reads it: streamed from the file at each pass, one {@link Event}
 * per line, never held whole. A day of a 5,000-node cluster writes about 4.6 million events
 * (841 MB); read into trees they took most of the report's time and over a gigabyte of heap, while
 * the sections keep only what they draw (the first rows of the table, the pods' placements).
 * A damaged line is a {@link ReportInputException} naming the file, line and column, thrown by
 * the pass that reaches it.
 */
public final class RunEvents implements Iterable<RunEvents.Event> {
    private static final JsonFactory JSON = new JsonFactory();

    /**
     * One event: its {@code time} as text and in seconds, and the other fields the sections draw,
     * each as a JSON tree's {@code asText()} (and, for the seconds, {@code asDouble()}) reads it, ""
     * when missing, so the page is the one the tree gave.
     */
    public record Event(String time, double seconds, String type, String reason, String object, String message) {
    }

    private final Path file;

    RunEvents(Path file) {
        this.file = file;
    }

    /** The events in file order, read from the file as the iteration goes (closed when it ends). */
    @Override
    public Iterator<Event> iterator() {
        BufferedReader reader;
        try {
            reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ReportInputException(file + ": cannot read (" + e.getMessage() + ")");
        }
        return new Iterator<>() {
            private Event next;
            private int line;
            private boolean done;

            @Override
            public boolean hasNext() {
                if (next == null && !done) {
                    next = read();
                }
                return next != null;
            }

            @Override
            public Event next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                Event e = next;
                next = null;
                return e;
            }

            private Event read() {
                try {
                    String text;
                    while ((text = reader.readLine()) != null) {
                        line++;
                        if (!text.isBlank()) {
                            return parse(text, line);
                        }
                    }
                    close();
                    return null;
                } catch (IOException e) {
                    close();
                    throw new ReportInputException(file + ": cannot read (" + e.getMessage() + ")");
                } catch (RuntimeException e) {
                    close();
                    throw e;
                }
            }

            private void close() {
                done = true;
                try {
                    reader.close();
                } catch (IOException ignored) {
                    // read to its end or given up on: nothing left to lose
                }
            }
        };
    }

    private Event parse(String text, int line) throws IOException {
        try (JsonParser p = JSON.createParser(text)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new ReportInputException(JsonLinesFile.notAnObject(file, line));
            }
            String time = "";
            double seconds = 0;
            String type = "";
            String reason = "";
            String object = "";
            String message = "";
            String name;
            while ((name = p.nextFieldName()) != null) { // as the tree reader walks (its messages too)
                JsonToken value = p.nextToken();
                switch (name) {
                    case "time" -> {
                        time = asText(p, value);
                        seconds = value.isNumeric() ? p.getDoubleValue()
                                : value == JsonToken.VALUE_STRING ? NumberInput.parseAsDouble(time, 0.0, false)
                                : value == JsonToken.VALUE_TRUE ? 1 : 0;
                    }
                    case "type" -> type = asText(p, value);
                    case "reason" -> reason = asText(p, value);
                    case "object" -> object = asText(p, value);
                    case "message" -> message = asText(p, value);
                    default -> p.skipChildren(); // not drawn
                }
            }
            return new Event(time, seconds, type, reason, object, message);
        } catch (JsonProcessingException e) {
            throw new ReportInputException(JsonLinesFile.notJson(file, line, e));
        }
    }

    /** What {@code JsonNode.asText()} gives for the value at {@code token} (containers: "", skipped). */
    private static String asText(JsonParser p, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> p.getText();
            case VALUE_NUMBER_INT -> p.getNumberValue().toString();
            case VALUE_NUMBER_FLOAT -> Double.toString(p.getDoubleValue());
            case VALUE_TRUE -> "true";
            case VALUE_FALSE -> "false";
            case VALUE_NULL -> "null";
            default -> {
                p.skipChildren();
                yield "";
            }
        };
    }
}
