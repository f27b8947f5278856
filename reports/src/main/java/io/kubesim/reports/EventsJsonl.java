package io.kubesim.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.EventSink;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * events.jsonl: one Kubernetes-style event per line, written as the simulation records them:
 * {@code {"time":12.5,"type":"Normal","reason":"Scheduled","object":"Pod/default/web-x","message":"...","source":"default-scheduler"}}.
 */
public final class EventsJsonl implements EventSink, AutoCloseable {
    private final Writer writer;
    private final JsonGenerator gen;

    public EventsJsonl(Path file) throws IOException {
        this(new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16));
    }

    public EventsJsonl(Writer writer) throws IOException {
        this.writer = writer;
        this.gen = Json.MAPPER.getFactory().createGenerator(writer);
        gen.setRootValueSeparator(null);
    }

    @Override
    public void accept(ClusterEvent e) {
        try {
            gen.writeStartObject();
            gen.writeFieldName("time");
            Number t = Json.number(SimTime.toSeconds(e.time()));
            if (t instanceof Long l) {
                gen.writeNumber(l);
            } else {
                gen.writeNumber(t.doubleValue());
            }
            gen.writeStringField("type", e.type());
            gen.writeStringField("reason", e.reason());
            gen.writeStringField("object", e.object());
            gen.writeStringField("message", e.message());
            gen.writeStringField("source", e.source());
            gen.writeEndObject();
            gen.flush();
            writer.write('\n');
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @Override
    public void close() throws IOException {
        gen.close();
        writer.close();
    }
}
