package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.metrics.EventSink;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;

/**
 * events.jsonl: one Kubernetes-style event per line, written as the simulation records them:
 * {@code {"time":12.5,"type":"Normal","reason":"Scheduled","object":"Pod/default/web-x","message":"...","source":"default-scheduler"}}.
 */
public final class EventsJsonl implements EventSink, AutoCloseable {
    private final JsonLines out;

    public EventsJsonl(Path file) throws IOException {
        this.out = new JsonLines(file);
    }

    public EventsJsonl(Writer writer) throws IOException {
        this.out = new JsonLines(writer);
    }

    @Override
    public void accept(ClusterEvent e) {
        out.line(gen -> {
            JsonLines.number(gen, "time", SimTime.toSeconds(e.time()));
            gen.writeStringField("type", e.type());
            gen.writeStringField("reason", e.reason());
            gen.writeStringField("object", e.object());
            gen.writeStringField("message", e.message());
            gen.writeStringField("source", e.source());
        });
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
