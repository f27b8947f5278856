package io.kubesim.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** events.jsonl: one JSON object per line with the contract's fields, in order. */
class EventsJsonlTest {

    @Test
    void oneObjectPerLine() throws IOException {
        StringWriter w = new StringWriter();
        try (EventsJsonl out = new EventsJsonl(w)) {
            out.accept(new ClusterEvent(SimTime.millis(12_500), false, "Scheduled", "Pod/default/web-1",
                    "Successfully assigned default/web-1 to n-1", "default-scheduler"));
            out.accept(new ClusterEvent(SimTime.seconds(30), true, "Unhealthy", "Pod/default/web-1",
                    "Readiness probe failed: \"quoted\"", "kubelet"));
        }
        assertEquals("{\"time\":12.5,\"type\":\"Normal\",\"reason\":\"Scheduled\",\"object\":\"Pod/default/web-1\","
                + "\"message\":\"Successfully assigned default/web-1 to n-1\",\"source\":\"default-scheduler\"}\n"
                + "{\"time\":30,\"type\":\"Warning\",\"reason\":\"Unhealthy\",\"object\":\"Pod/default/web-1\","
                + "\"message\":\"Readiness probe failed: \\\"quoted\\\"\",\"source\":\"kubelet\"}\n", w.toString());
    }
}
