package io.kubesim.engine;

import java.util.Arrays;

/**
 * The pending {@link ScheduledEvent}s, popped in (time, priority, sequence) order: a ladder queue
 * (Tang, Goh and Thng, ACM TOMACS 15(3), 2005), so that the cost of an event does not grow with
 * the number of events pending.
 *
 * <p>The events are kept in three kinds of level, each owning a contiguous range of times, the
 * ranges disjoint and increasing from Bottom to Top:
 * <ul>
 *   <li><b>Top</b>: an unsorted array of the far-future events, with their least and greatest time.
 *       Adding there is an append.</li>
 *   <li><b>Rungs</b>: a stack of at most 16 calendars of unsorted buckets. Rung 0 is built from Top
 *       when everything below it has run out (unless Top holds at most 64 events or a single
 *       instant: then Top goes straight to Bottom); each deeper rung is built from one bucket of the
 *       rung above, when that bucket's turn comes and it holds more than 64 events. Bucket widths
 *       are powers of two (the index is a shift) and a rung never has more buckets than the
 *       events it was built from. Buckets are singly linked lists through the events themselves
 *       ({@link ScheduledEvent#next}): a bucket's events are touched when it is moved down, just
 *       before they are popped, rather than through a separate node each (an earlier version kept
 *       the keys in arrays of nodes, which cost two more cache misses per event at 100,000
 *       pending).</li>
 *   <li><b>Bottom</b>: a 4-ary min-heap of the earliest range, the only level events pop from.
 *       It receives one bucket at a time: at most 64 events, unless they all share one instant
 *       (a clump, such as pods created together, cannot be spread and is simply heaped) or the
 *       ladder is at its depth cap.</li>
 * </ul>
 * An event is added to the level whose range holds its time, and Bottom's range is everything up
 * to the finest rung's, so an event at exactly the current time (a zero delay) goes straight to
 * Bottom, among the events it ties with. The rung cursors only move forward; the order stays
 * exact for any time >= 0, but the O(1) cost assumes, as {@link Simulation} guarantees, that no
 * event is added before the last one polled.
 *
 * <p>Why O(1) amortized: an add is an append or a list push into a bucket found by a shift; each
 * event is moved down a bounded number of times (a split divides the bucket width by at least
 * 64, so an event crosses about a dozen rungs at most, even over a span of 2^63 µs, and usually
 * one); each bucket is visited once, and a rung has no more buckets than the events that built
 * it; the heap holds about one bucket. If adds pile into Bottom's range (a burst just after a sparse
 * stretch), Bottom is spread into a new, finer rung once it doubles past what it last received,
 * which keeps that work amortized too.
 *
 * <p>Ties keep (priority, sequence) order: an event's level and bucket depend on its time alone,
 * so all events at one instant always share a bucket and reach Bottom together, where the heap
 * orders them by the full key. The sequence number is unique and increasing, so two events at the
 * same time and priority pop in the order they were scheduled: the tie-break that keeps runs
 * reproducible. Every bound is an inclusive last time, so times up to {@code Long.MAX_VALUE}
 * ({@link SimTime#NEVER}) need no arithmetic past it.
 */
final class EventQueue {
    private static final int PRIORITY_OFFSET = 1 << 21;
    /** A bucket with more events than this is split into a finer rung rather than heaped. */
    static final int DEFAULT_SPLIT = 64;
    /** The deepest ladder; below it, buckets go to Bottom whatever their size. */
    static final int DEFAULT_MAX_RUNGS = 16;

    private final int split;
    private final int maxRungs;
    private int size;

    // Top: every event later than topAbove.
    private ScheduledEvent[] topEvents = new ScheduledEvent[256];
    private int topCount;
    private long topMin = Long.MAX_VALUE;
    private long topMax = -1;
    private long topAbove = -1;

    // Rungs: 0 is the coarsest (just below Top), rungs - 1 the finest (just above Bottom).
    // Rung r holds the events in (rungBelow[r], rungLast[r]]; bucket b starts at
    // rungStart[r] + (b << rungShift[r]); rungHeads[r][b] is its first event, rungCounts[r][b] its size.
    // Rung r + 1, when there is one, covers the bucket of rung r consumed last, so
    // rungLast[r + 1] == rungBelow[r]; rungLast[0] == topAbove.
    private int rungs;
    private final long[] rungStart;
    private final long[] rungLast;
    private final long[] rungBelow;
    private final int[] rungShift;
    private final int[] rungSize;
    private final int[] rungCursor;
    private final ScheduledEvent[][] rungHeads;
    private final int[][] rungCounts;

    // Bottom: a 4-ary heap of every event at or before the finest rung's rungBelow (or topAbove).
    private ScheduledEvent[] events = new ScheduledEvent[256];
    private long[] times = new long[256];
    private long[] orders = new long[256];
    private int bottomSize;
    private int bottomLimit;

    EventQueue() {
        this(DEFAULT_SPLIT, DEFAULT_MAX_RUNGS);
    }

    /** A queue with other thresholds: tests use tiny ones to exercise deep ladders with few events. */
    EventQueue(int split, int maxRungs) {
        if (split < 1 || maxRungs < 1) {
            throw new IllegalArgumentException("split and maxRungs must be positive");
        }
        this.split = split;
        this.maxRungs = maxRungs;
        this.bottomLimit = split;
        rungStart = new long[maxRungs];
        rungLast = new long[maxRungs];
        rungBelow = new long[maxRungs];
        rungShift = new int[maxRungs];
        rungSize = new int[maxRungs];
        rungCursor = new int[maxRungs];
        rungHeads = new ScheduledEvent[maxRungs][];
        rungCounts = new int[maxRungs][];
    }

    /**
     * The (priority, sequence) part of the key in one long: priority in the top 22 bits,
     * sequence in the low 41 (2.2 × 10^12 events per run).
     */
    static long order(int priority, long sequence) {
        if (priority < -PRIORITY_OFFSET || priority >= PRIORITY_OFFSET) {
            throw new IllegalArgumentException("priority out of range: " + priority);
        }
        return ((long) (priority + PRIORITY_OFFSET) << 41) | sequence;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    ScheduledEvent peek() {
        if (size == 0) {
            return null;
        }
        if (bottomSize == 0) {
            refill();
        }
        return events[0];
    }

    /** The time of the next event; {@code Long.MAX_VALUE} when the queue is empty. */
    long peekTime() {
        if (size == 0) {
            return Long.MAX_VALUE;
        }
        if (bottomSize == 0) {
            refill();
        }
        return times[0];
    }

    /** Adds {@code e}, whose time must be >= 0. */
    void add(ScheduledEvent e) {
        long t = e.time;
        size++;
        if (t > topAbove) {
            addTop(e, t);
            return;
        }
        for (int r = 0; r < rungs; r++) {
            if (t > rungBelow[r]) {
                push(rungHeads[r], rungCounts[r], t - rungStart[r], rungShift[r], e);
                return;
            }
        }
        addBottom(e, t, e.order);
        if (bottomSize > bottomLimit) {
            spreadBottom();
        }
    }

    ScheduledEvent poll() {
        if (size == 0) {
            return null;
        }
        if (bottomSize == 0) {
            refill();
        }
        size--;
        ScheduledEvent first = events[0];
        int last = --bottomSize;
        if (last > 0) {
            siftDown(0, events[last], times[last], orders[last]);
        }
        events[last] = null;
        return first;
    }

    /** Number of events in Bottom, for tests of the structure. */
    int bottomSize() {
        return bottomSize;
    }

    /** Number of rungs in use, for tests of the structure. */
    int rungCount() {
        return rungs;
    }

    private void addTop(ScheduledEvent e, long t) {
        int i = topCount;
        if (i == topEvents.length) {
            int n = i * 2;
            topEvents = Arrays.copyOf(topEvents, n);
        }
        topEvents[i] = e;
        topCount = i + 1;
        if (t < topMin) {
            topMin = t;
        }
        if (t > topMax) {
            topMax = t;
        }
    }

    /**
     * Fills the empty Bottom with the earliest non-empty bucket, building rungs on the way: from
     * Top when there is none, from a bucket too full to heap. Only called when the queue is not
     * empty.
     */
    private void refill() {
        while (bottomSize == 0) {
            if (rungs == 0) {
                takeTop();
                continue;
            }
            int r = rungs - 1;
            ScheduledEvent[] heads = rungHeads[r];
            int[] counts = rungCounts[r];
            int n = rungSize[r];
            int c = rungCursor[r];
            while (c < n && counts[c] == 0) {
                c++;
            }
            if (c == n) {
                rungs--;
                continue;
            }
            rungCursor[r] = c + 1;
            int shift = rungShift[r];
            long first = rungStart[r] + ((long) c << shift);
            long widthLess1 = (1L << shift) - 1;
            long last = rungLast[r] - first <= widthLess1 ? rungLast[r] : first + widthLess1;
            rungBelow[r] = last;
            ScheduledEvent e = heads[c];
            int count = counts[c];
            heads[c] = null;
            counts[c] = 0;
            if (count > split && shift > 0 && rungs < maxRungs) {
                openRung(first, last, count);
                int finer = rungs - 1;
                ScheduledEvent[] finerHeads = rungHeads[finer];
                int[] finerCounts = rungCounts[finer];
                int finerShift = rungShift[finer];
                while (e != null) {
                    ScheduledEvent next = e.next;
                    push(finerHeads, finerCounts, e.time - first, finerShift, e);
                    e = next;
                }
            } else {
                while (e != null) {
                    ScheduledEvent next = e.next;
                    e.next = null;
                    addBottom(e, e.time, e.order);
                    e = next;
                }
            }
        }
        bottomLimit = Math.max(split, bottomSize > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * bottomSize);
    }

    /**
     * Empties Top into a new rung 0, or straight into Bottom when there are too few events to be
     * worth a rung or all are at one instant. Only called with no rungs and an empty Bottom.
     */
    private void takeTop() {
        int n = topCount;
        if (n == 0) {
            throw new IllegalStateException("queue of size " + size + " has no event left to take");
        }
        long min = topMin;
        long max = topMax;
        if (n > split && max > min) {
            openRung(min, max, n);
            ScheduledEvent[] heads = rungHeads[0];
            int[] counts = rungCounts[0];
            int shift = rungShift[0];
            for (int i = 0; i < n; i++) {
                ScheduledEvent e = topEvents[i];
                push(heads, counts, e.time - min, shift, e);
            }
        } else {
            for (int i = 0; i < n; i++) {
                ScheduledEvent e = topEvents[i];
                addBottom(e, e.time, e.order);
            }
        }
        Arrays.fill(topEvents, 0, n, null);
        topCount = 0;
        topAbove = max;
        topMin = Long.MAX_VALUE;
        topMax = -1;
    }

    /**
     * Bottom has grown past its limit through adds: moves it into a new finest rung over its own
     * range, unless it cannot be spread (one instant) or the ladder is full, in which case the
     * limit doubles instead.
     */
    private void spreadBottom() {
        long first = times[0];
        long last = rungs == 0 ? topAbove : rungBelow[rungs - 1];
        int n = bottomSize;
        if (last > first && rungs < maxRungs) {
            openRung(first, last, n);
            int r = rungs - 1;
            ScheduledEvent[] heads = rungHeads[r];
            int[] counts = rungCounts[r];
            int shift = rungShift[r];
            for (int i = 0; i < n; i++) {
                push(heads, counts, times[i] - first, shift, events[i]);
                events[i] = null;
            }
            bottomSize = 0;
        } else {
            bottomLimit = n > Integer.MAX_VALUE / 2 ? Integer.MAX_VALUE : 2 * n;
        }
    }

    /**
     * Pushes an empty rung covering [first, last] for {@code count} events under the finest one,
     * with the narrowest power-of-two width that needs no more buckets than events.
     */
    private void openRung(long first, long last, int count) {
        long span = last - first;
        int shift = Math.max(0, (64 - Long.numberOfLeadingZeros(span)) - (32 - Integer.numberOfLeadingZeros(count)));
        if ((span >>> shift) >= count) {
            shift++;
        }
        int n = (int) (span >>> shift) + 1;
        int r = rungs++;
        int[] counts = rungCounts[r];
        if (counts == null || counts.length < n) {
            int length = counts == null ? n : Math.max(n, counts.length + counts.length / 2);
            rungCounts[r] = new int[length];
            rungHeads[r] = new ScheduledEvent[length];
        }
        // A rung's buckets are emptied as they are consumed; a rung dropped with buckets not yet
        // consumed left none behind (it is dropped only once its cursor passed them all).
        rungStart[r] = first;
        rungLast[r] = last;
        rungBelow[r] = first - 1;
        rungShift[r] = shift;
        rungSize[r] = n;
        rungCursor[r] = 0;
    }

    /** Links {@code e} at the head of the bucket holding offset {@code offset} of a rung of width 2^shift. */
    private static void push(ScheduledEvent[] heads, int[] counts, long offset, int shift, ScheduledEvent e) {
        int b = (int) (offset >>> shift);
        e.next = heads[b];
        heads[b] = e;
        counts[b]++;
    }

    private void addBottom(ScheduledEvent e, long t, long o) {
        if (bottomSize == events.length) {
            int n = bottomSize * 2;
            events = Arrays.copyOf(events, n);
            times = Arrays.copyOf(times, n);
            orders = Arrays.copyOf(orders, n);
        }
        siftUp(bottomSize++, e, t, o);
    }

    private void siftUp(int i, ScheduledEvent e, long t, long o) {
        while (i > 0) {
            int parent = (i - 1) >>> 2;
            long pt = times[parent];
            if (pt < t || pt == t && orders[parent] < o) {
                break;
            }
            events[i] = events[parent];
            times[i] = pt;
            orders[i] = orders[parent];
            i = parent;
        }
        events[i] = e;
        times[i] = t;
        orders[i] = o;
    }

    private void siftDown(int i, ScheduledEvent e, long t, long o) {
        int size = bottomSize;
        while (true) {
            int first = 4 * i + 1;
            if (first >= size) {
                break;
            }
            int child = first;
            int last = Math.min(first + 4, size);
            for (int c = first + 1; c < last; c++) {
                if (times[c] < times[child] || times[c] == times[child] && orders[c] < orders[child]) {
                    child = c;
                }
            }
            long ct = times[child];
            if (t < ct || t == ct && o < orders[child]) {
                break;
            }
            events[i] = events[child];
            times[i] = ct;
            orders[i] = orders[child];
            i = child;
        }
        events[i] = e;
        times[i] = t;
        orders[i] = o;
    }
}
