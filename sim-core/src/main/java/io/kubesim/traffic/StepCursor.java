package io.kubesim.traffic;

/** Where the step of a {@link RateSeries} in force at a time ends, counting the time before the first step. */
final class StepCursor {
    private StepCursor() {
    }

    /** The end of the step in force at {@code t}; before the first step, the first step's start. */
    static long end(RateSeries series, long t) {
        return series.stepAt(t) < 0 ? series.times()[0] : series.stepEnd(t);
    }
}
