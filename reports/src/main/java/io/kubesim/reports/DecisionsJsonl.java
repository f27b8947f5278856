package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * decisions.jsonl: every component's decisions with the facts they were made on, one per line:
 * {@code {"time":121.5,"source":"deployment-controller","kind":"RolloutStep","object":"Deployment/default/web","message":"...","facts":{...}}}.
 * Written by {@code kubesim run --decisions}; read by {@code kubesim explain}.
 */
public final class DecisionsJsonl implements Consumer<Decision>, AutoCloseable {
    private final JsonLines out;

    public DecisionsJsonl(Path file) throws IOException {
        this.out = new JsonLines(file);
    }

    public DecisionsJsonl(Writer writer) throws IOException {
        this.out = new JsonLines(writer);
    }

    @Override
    public void accept(Decision d) {
        out.line(gen -> {
            JsonLines.number(gen, "time", SimTime.toSeconds(d.time()));
            gen.writeStringField("source", d.source());
            gen.writeStringField("kind", d.kind());
            gen.writeStringField("object", d.object());
            gen.writeStringField("message", d.message());
            gen.writeFieldName("facts");
            Json.MAPPER.writeValue(gen, d.facts() == null ? Map.of() : d.facts());
        });
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
