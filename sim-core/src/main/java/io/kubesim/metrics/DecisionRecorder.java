package io.kubesim.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Where components record their {@link Decision}s. Off unless a run asks for decisions
 * ({@code kubesim run --decisions}) or a test retains them: components check {@link #enabled()}
 * before building a decision's facts, so a normal run pays nothing.
 */
public final class DecisionRecorder {
    private final List<Consumer<Decision>> sinks = new ArrayList<>();
    private final List<Decision> retained;

    /** {@code retain}: keep every decision in memory (tests and small runs). */
    public DecisionRecorder(boolean retain) {
        this.retained = retain ? new ArrayList<>() : null;
    }

    /** A recorder that keeps nothing and has no sink. */
    public static DecisionRecorder disabled() {
        return new DecisionRecorder(false);
    }

    /** Streams every future decision to {@code sink}. */
    public void addSink(Consumer<Decision> sink) {
        sinks.add(sink);
    }

    /** Whether anything would receive a decision; build none when false. */
    public boolean enabled() {
        return retained != null || !sinks.isEmpty();
    }

    public void record(Decision d) {
        if (retained != null) {
            retained.add(d);
        }
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(d);
        }
    }

    /** The retained decisions in order; empty when retention is off. */
    public List<Decision> decisions() {
        return retained == null ? List.of() : Collections.unmodifiableList(retained);
    }
}
