package io.kubesim.traffic;

/**
 * Adapts an {@link ArrivalSequence} to {@link ArrivalProcess}: returns each instant once, in
 * order, skipping those before the caller's {@code now} (see {@link ArrivalProcesses}).
 */
final class ArrivalCursor implements ArrivalProcess {
    private final ArrivalSequence sequence;
    private long upcoming;
    private boolean drawn;

    ArrivalCursor(ArrivalSequence sequence) {
        this.sequence = sequence;
    }

    @Override
    public long next(long now) {
        if (!drawn) {
            upcoming = sequence.draw();
            drawn = true;
        }
        while (upcoming < now) {
            upcoming = sequence.draw();
        }
        long result = upcoming;
        if (result != Long.MAX_VALUE) {
            drawn = false;
        }
        return result;
    }
}
