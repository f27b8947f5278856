package io.kubesim.traffic;

/** Recorded instants replayed exactly, in order, equal instants included. */
final class RecordedArrivals implements ArrivalSequence {
    private final long[] times;
    private int index;

    RecordedArrivals(long[] times) {
        this.times = times;
    }

    @Override
    public long draw() {
        return index < times.length ? times[index++] : Long.MAX_VALUE;
    }
}
