package io.kubesim.scheduler;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * The retained {@link SchedulingDecision}s, oldest first. Retention is bounded so very large runs
 * keep only the last {@code capacity} decisions (or none). Sinks receive every decision as it is
 * made, whatever is retained, so a run can stream them to a file; with no retention and no sink
 * the scheduler skips building decisions at all.
 */
public final class SchedulingDecisionLog {
    private final int capacity;
    private final ArrayDeque<SchedulingDecision> decisions = new ArrayDeque<>();
    private final List<Consumer<SchedulingDecision>> sinks = new ArrayList<>();
    private long recorded;

    /** {@code capacity}: -1 keeps all, 0 disables recording, n keeps the last n. */
    public SchedulingDecisionLog(int capacity) {
        this.capacity = capacity;
    }

    /** Streams every future decision to {@code sink}. */
    public void addSink(Consumer<SchedulingDecision> sink) {
        sinks.add(sink);
    }

    public boolean enabled() {
        return capacity != 0 || !sinks.isEmpty();
    }

    public void record(SchedulingDecision d) {
        for (int i = 0; i < sinks.size(); i++) {
            sinks.get(i).accept(d);
        }
        if (capacity == 0) {
            return;
        }
        recorded++;
        decisions.addLast(d);
        if (capacity > 0 && decisions.size() > capacity) {
            decisions.removeFirst();
        }
    }

    /** Retained decisions, oldest first. */
    public List<SchedulingDecision> decisions() {
        return Collections.unmodifiableList(new ArrayList<>(decisions));
    }

    /** Retained decisions about one pod ({@code namespace/name}), oldest first. */
    public List<SchedulingDecision> forPod(String podKey) {
        List<SchedulingDecision> out = new ArrayList<>();
        for (SchedulingDecision d : decisions) {
            if (d.pod().equals(podKey)) {
                out.add(d);
            }
        }
        return out;
    }

    /** The last retained decision about the pod, or null. */
    public SchedulingDecision last(String podKey) {
        var it = decisions.descendingIterator();
        while (it.hasNext()) {
            SchedulingDecision d = it.next();
            if (d.pod().equals(podKey)) {
                return d;
            }
        }
        return null;
    }

    /** Decisions recorded since the start, including those no longer retained. */
    public long recordedCount() {
        return recorded;
    }
}
