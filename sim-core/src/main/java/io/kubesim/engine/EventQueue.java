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
 *   <li><b>Top</b>: unsorted arrays of the far-future events, with their least and greatest time.
 *       Adding there is an append.</li>
 *   <li><b>Rungs</b>: a stack of at most 16 calendars of unsorted buckets. Rung 0 is built from Top
 *       when everything below it has run out (unless Top holds at most 64 events or a single
 *       instant: then Top goes straight to Bottom); each deeper rung is built from one bucket of the
 *       rung above, when that bucket's turn comes and it holds more than 64 events. Bucket widths
 *       are powers of two (the index is a shift) and a rung never has more buckets than the
 *       events it was built from. Buckets are singly linked lists of nodes whose keys sit in a
 *       primitive array, so moving an event between levels never touches the event object.</li>
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

    /** The empty list; node 0 is never used. */
    private static final int NIL = 0;
    /** Node {@code n}'s time, order and next node are {@code nodeKeys[3n .. 3n + 2]}. */
    private static final int TIME = 0;
    private static final int ORDER = 1;
    private static final int NEXT = 2;

    private final int split;
    private final int maxRungs;
    private int size;

    // Top: every event later than topAbove.
    private ScheduledEvent[] topEvents = new ScheduledEvent[256];
    private long[] topTimes = new long[256];
    private long[] topOrders = new long[256];
    private int topCount;
    private long topMin = Long.MAX_VALUE;
    private long topMax = -1;
    private long topAbove = -1;

    // Rungs: 0 is the coarsest (just below Top), rungs - 1 the finest (just above Bottom).
    // Rung r holds the events in (rungBelow[r], rungLast[r]]; bucket b starts at
    // rungStart[r] + (b << rungShift[r]); rungBuckets[r][2b] is its first node, [2b + 1] its size.
    // Rung r + 1, when there is one, covers the bucket of rung r consumed last, so
    // rungLast[r + 1] == rungBelow[r]; rungLast[0] == topAbove.
    private int rungs;
    private final long[] rungStart;
    private final long[] rungLast;
    private final long[] rungBelow;
    private final int[] rungShift;
    private final int[] rungSize;
    private final int[] rungCursor;
    private final int[][] rungBuckets;

    // Nodes of the rung buckets, recycled through a free list.
    private long[] nodeKeys = new long[3 * 1024];
    private ScheduledEvent[] nodeEvents = new ScheduledEvent[1024];
    private int nodesUsed = 1;
    private int freeNodes = NIL;

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
        rungBuckets = new int[maxRungs][];
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
        long o = order(e.priority, e.sequence);
        size++;
        if (t > topAbove) {
            addTop(e, t, o);
            return;
        }
        for (int r = 0; r < rungs; r++) {
            if (t > rungBelow[r]) {
                int[] buckets = rungBuckets[r];
                push(buckets, t - rungStart[r], rungShift[r], newNode(e, t, o));
                return;
            }
        }
        addBottom(e, t, o);
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

    private void addTop(ScheduledEvent e, long t, long o) {
        int i = topCount;
        if (i == topEvents.length) {
            int n = i * 2;
            topEvents = Arrays.copyOf(topEvents, n);
            topTimes = Arrays.copyOf(topTimes, n);
            topOrders = Arrays.copyOf(topOrders, n);
        }
        topEvents[i] = e;
        topTimes[i] = t;
        topOrders[i] = o;
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
            int[] buckets = rungBuckets[r];
            int n = rungSize[r];
            int c = rungCursor[r];
            while (c < n && buckets[2 * c + 1] == 0) {
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
            int node = buckets[2 * c];
            int count = buckets[2 * c + 1];
            if (count > split && shift > 0 && rungs < maxRungs) {
                int[] finer = openRung(first, last, count);
                int finerShift = rungShift[rungs - 1];
                while (node != NIL) {
                    int k = 3 * node;
                    int next = (int) nodeKeys[k + NEXT];
                    push(finer, nodeKeys[k + TIME] - first, finerShift, node);
                    node = next;
                }
            } else {
                while (node != NIL) {
                    int k = 3 * node;
                    int next = (int) nodeKeys[k + NEXT];
                    addBottom(nodeEvents[node], nodeKeys[k + TIME], nodeKeys[k + ORDER]);
                    nodeEvents[node] = null;
                    nodeKeys[k + NEXT] = freeNodes;
                    freeNodes = node;
                    node = next;
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
            int[] buckets = openRung(min, max, n);
            int shift = rungShift[0];
            for (int i = 0; i < n; i++) {
                long t = topTimes[i];
                push(buckets, t - min, shift, newNode(topEvents[i], t, topOrders[i]));
            }
        } else {
            for (int i = 0; i < n; i++) {
                addBottom(topEvents[i], topTimes[i], topOrders[i]);
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
            int[] buckets = openRung(first, last, n);
            int shift = rungShift[rungs - 1];
            for (int i = 0; i < n; i++) {
                long t = times[i];
                int node = newNode(events[i], t, orders[i]);
                events[i] = null;
                push(buckets, t - first, shift, node);
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
    private int[] openRung(long first, long last, int count) {
        long span = last - first;
        int shift = Math.max(0, (64 - Long.numberOfLeadingZeros(span)) - (32 - Integer.numberOfLeadingZeros(count)));
        if ((span >>> shift) >= count) {
            shift++;
        }
        int n = (int) (span >>> shift) + 1;
        int r = rungs++;
        int[] buckets = rungBuckets[r];
        if (buckets == null || buckets.length < 2 * n) {
            int length = buckets == null ? 2 * n : Math.max(2 * n, buckets.length + buckets.length / 2);
            buckets = new int[length];
            rungBuckets[r] = buckets;
        } else {
            Arrays.fill(buckets, 0, 2 * n, 0);
        }
        rungStart[r] = first;
        rungLast[r] = last;
        rungBelow[r] = first - 1;
        rungShift[r] = shift;
        rungSize[r] = n;
        rungCursor[r] = 0;
        return buckets;
    }

    /** Links {@code node} at the head of the bucket holding offset {@code offset} of a rung of width 2^shift. */
    private void push(int[] buckets, long offset, int shift, int node) {
        int b = (int) (offset >>> shift) << 1;
        nodeKeys[3 * node + NEXT] = buckets[b];
        buckets[b] = node;
        buckets[b + 1]++;
    }

    private int newNode(ScheduledEvent e, long t, long o) {
        int node = freeNodes;
        if (node != NIL) {
            freeNodes = (int) nodeKeys[3 * node + NEXT];
        } else {
            if (nodesUsed == nodeEvents.length) {
                int n = nodesUsed * 2;
                nodeEvents = Arrays.copyOf(nodeEvents, n);
                nodeKeys = Arrays.copyOf(nodeKeys, 3 * n);
            }
            node = nodesUsed++;
        }
        int k = 3 * node;
        nodeKeys[k + TIME] = t;
        nodeKeys[k + ORDER] = o;
        nodeEvents[node] = e;
        return node;
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
