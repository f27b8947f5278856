package io.kubesim.metrics;

import java.util.HashMap;
import java.util.Map;

/**
 * client-go's EventSourceObjectSpamFilter (tools/record/events_cache.go): per source and object,
 * a token bucket with a burst of 25 that refills one token every 5 minutes. A controller that
 * reports the same failure at every sync gets its first 25 events through and then one every
 * 5 minutes, which is what the API server ends up storing; the rest never leave the component.
 */
public final class EventSpamFilter {
    /** defaultSpamBurst. */
    public static final int BURST = 25;
    /** 1 / defaultSpamQPS: one token per 300 s. */
    public static final long REFILL_MICROS = 300_000_000L;

    /** Lookup only, never iterated. */
    private final Map<String, long[]> buckets = new HashMap<>();

    /** Takes a token for events of {@code source} about {@code object} at {@code now}; false: drop the event. */
    public boolean allow(String source, String object, long now) {
        long[] b = buckets.computeIfAbsent(source + "\u0000" + object, k -> new long[] {BURST * REFILL_MICROS, now});
        long credit = Math.min(BURST * REFILL_MICROS, b[0] + (now - b[1]));
        b[1] = now;
        if (credit < REFILL_MICROS) {
            b[0] = credit;
            return false;
        }
        b[0] = credit - REFILL_MICROS;
        return true;
    }

    /** Forgets an object (deleted): its next events start with a full bucket. */
    public void forget(String source, String object) {
        buckets.remove(source + "\u0000" + object);
    }
}
