package io.kubesim.scenarios.traffic;

import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a plain CSV file one row at a time (LF or CRLF, blank lines skipped, a leading byte-order
 * mark ignored, fields split at every comma, surrounding double quotes removed), remembering
 * where each field starts so that errors can name file, line and column.
 */
final class CsvCursor implements AutoCloseable {
    private final String file;
    private final BufferedReader in;
    private int line;
    private String text;
    private final List<String> fields = new ArrayList<>();
    private final List<Integer> starts = new ArrayList<>();

    private CsvCursor(String file, BufferedReader in) {
        this.file = file;
        this.in = in;
    }

    /** Opens {@code path}; a missing or unreadable file is an error on the whole file. */
    static CsvCursor open(Path path, String name) {
        if (!Files.isRegularFile(path)) {
            throw new InputException(Location.ofFile(name), Files.isDirectory(path) ? "is a directory, expected a trace file"
                    : "no such file");
        }
        try {
            return new CsvCursor(name, Files.newBufferedReader(path, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new InputException(Location.ofFile(name), "cannot read: " + e.getMessage());
        }
    }

    /** Moves to the next non-blank row; false at the end of the file. */
    boolean next() {
        try {
            while ((text = in.readLine()) != null) {
                line++;
                if (line == 1 && text.startsWith("\uFEFF")) {
                    text = text.substring(1);
                }
                if (!text.isBlank()) {
                    split();
                    return true;
                }
            }
            return false;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void split() {
        fields.clear();
        starts.clear();
        int from = 0;
        while (true) {
            int comma = text.indexOf(',', from);
            int to = comma < 0 ? text.length() : comma;
            String f = text.substring(from, to).trim();
            if (f.length() >= 2 && f.startsWith("\"") && f.endsWith("\"")) {
                f = f.substring(1, f.length() - 1);
            }
            fields.add(f);
            starts.add(from);
            if (comma < 0) {
                return;
            }
            from = comma + 1;
        }
    }

    int size() {
        return fields.size();
    }

    /** Field {@code i} (0-based) of the current row; an error at the row's end if it has fewer. */
    String field(int i) {
        if (i >= fields.size()) {
            throw error(fields.size() - 1, "expected at least " + (i + 1) + " columns, got " + fields.size());
        }
        return fields.get(i);
    }

    List<String> fields() {
        return List.copyOf(fields);
    }

    int line() {
        return line;
    }

    /** An error at field {@code i} of the current row. */
    InputException error(int i, String message) {
        int col = i < 0 || i >= starts.size() ? 1 : starts.get(i) + 1;
        return new InputException(new Location(file, line, col), message);
    }

    /** An error at the start of the file, for a file without rows. */
    InputException fileError(String message) {
        return new InputException(Location.ofFile(file), message);
    }

    /** The column index of {@code name} in the current (header) row, or -1. */
    int indexOf(String name) {
        return fields.indexOf(name);
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
