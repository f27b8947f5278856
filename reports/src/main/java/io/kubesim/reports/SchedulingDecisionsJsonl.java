package io.kubesim.reports;

import com.fasterxml.jackson.core.JsonGenerator;
import io.kubesim.engine.SimTime;
import io.kubesim.scheduler.SchedulingDecision;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * scheduling.jsonl: every scheduling attempt, one per line, with why each rejected node was
 * rejected (plugin and reasons) and how each feasible node scored (per plugin: raw, normalized,
 * weighted), the outcome, the pod's cpu and memory request and, for each node NodeResourcesFit
 * rejected, its allocatable and requested cpu and memory. Written by {@code kubesim run --decisions}; the input of a later
 * {@code kubesim explain}.
 */
public final class SchedulingDecisionsJsonl implements Consumer<SchedulingDecision>, AutoCloseable {
    private final JsonLines out;

    public SchedulingDecisionsJsonl(Path file) throws IOException {
        this.out = new JsonLines(file);
    }

    public SchedulingDecisionsJsonl(Writer writer) throws IOException {
        this.out = new JsonLines(writer);
    }

    @Override
    public void accept(SchedulingDecision d) {
        out.line(gen -> write(gen, d));
    }

    private static void write(JsonGenerator gen, SchedulingDecision d) throws IOException {
        JsonLines.number(gen, "time", SimTime.toSeconds(d.time()));
        gen.writeStringField("pod", d.pod());
        gen.writeNumberField("attempt", d.attempt());
        gen.writeStringField("result", d.succeeded() ? "Scheduled" : "FailedScheduling");
        gen.writeStringField("node", d.selectedNode());
        if (!d.message().isEmpty()) {
            gen.writeStringField("message", d.message());
        }
        gen.writeNumberField("nodes", d.numAllNodes());
        gen.writeNumberField("evaluatedNodes", d.evaluatedNodes());
        gen.writeNumberField("feasibleNodes", d.feasibleNodes());
        if (!d.nominatedNode().isEmpty()) {
            gen.writeStringField("nominatedNode", d.nominatedNode());
            gen.writeArrayFieldStart("victims");
            for (String v : d.victims()) {
                gen.writeString(v);
            }
            gen.writeEndArray();
        }
        gen.writeArrayFieldStart("filtered");
        for (SchedulingDecision.NodeFilterResult f : d.filtered()) {
            gen.writeStartObject();
            gen.writeStringField("node", f.node());
            gen.writeStringField("plugin", f.plugin());
            gen.writeStringField("code", f.code());
            gen.writeArrayFieldStart("reasons");
            for (String r : f.reasons()) {
                gen.writeString(r);
            }
            gen.writeEndArray();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeArrayFieldStart("scores");
        for (SchedulingDecision.NodeScore s : d.scored()) {
            gen.writeStartObject();
            gen.writeStringField("node", s.node());
            gen.writeNumberField("total", s.total());
            gen.writeObjectFieldStart("plugins");
            for (SchedulingDecision.PluginScore p : s.plugins()) {
                if (p.skipped()) {
                    continue;
                }
                gen.writeObjectFieldStart(p.plugin());
                gen.writeNumberField("raw", p.raw());
                gen.writeNumberField("normalized", p.normalized());
                gen.writeNumberField("weighted", p.weighted());
                gen.writeEndObject();
            }
            gen.writeEndObject();
            gen.writeEndObject();
        }
        gen.writeEndArray();
        gen.writeObjectFieldStart("request");
        gen.writeNumberField("cpuMillis", d.requestCpu());
        gen.writeNumberField("memoryBytes", d.requestMemory());
        gen.writeEndObject();
        gen.writeArrayFieldStart("room");
        for (SchedulingDecision.NodeRoom r : d.room()) {
            gen.writeStartObject();
            gen.writeStringField("node", r.node());
            gen.writeObjectFieldStart("allocatable");
            gen.writeNumberField("cpuMillis", r.allocatableCpu());
            gen.writeNumberField("memoryBytes", r.allocatableMemory());
            gen.writeEndObject();
            gen.writeObjectFieldStart("requested");
            gen.writeNumberField("cpuMillis", r.requestedCpu());
            gen.writeNumberField("memoryBytes", r.requestedMemory());
            gen.writeEndObject();
            gen.writeEndObject();
        }
        gen.writeEndArray();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
