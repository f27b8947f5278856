package io.kubesim.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** A JSON Lines file: each {@link #line} writes one object and a newline. */
final class JsonLines implements AutoCloseable {
    /** Writes the fields of one object (the braces are written around it). */
    interface Fields {
        void write(JsonGenerator gen) throws IOException;
    }

    private final Writer writer;
    private final JsonGenerator gen;

    JsonLines(Path file) throws IOException {
        this(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    }

    JsonLines(Writer writer) throws IOException {
        this.writer = writer;
        this.gen = Json.MAPPER.getFactory().createGenerator(writer);
        gen.setRootValueSeparator(null);
    }

    void line(Fields fields) {
        try {
            gen.writeStartObject();
            fields.write(gen);
            gen.writeEndObject();
            gen.flush();
            writer.write('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a number as JSON prints it best: whole values without a fraction. */
    static void number(JsonGenerator gen, String field, double v) throws IOException {
        Number n = Json.number(v);
        if (n instanceof Long l) {
            gen.writeNumberField(field, l);
        } else {
            gen.writeNumberField(field, n.doubleValue());
        }
    }

    @Override
    public void close() throws IOException {
        gen.close();
        writer.close();
    }
}
