package io.kubesim.metrics;

/** Receives events as they are recorded, e.g. to stream them to events.jsonl. */
@FunctionalInterface
public interface EventSink {
    void accept(ClusterEvent event);
}
