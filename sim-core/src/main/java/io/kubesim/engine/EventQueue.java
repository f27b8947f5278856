package io.kubesim.engine;

import java.util.Arrays;

/**
 * A binary min-heap of {@link ScheduledEvent}s ordered by (time, priority, sequence).
 *
 * <p>The sequence number is unique and increasing, so two events at the same time and priority
 * always pop in the order they were scheduled: the tie-break that keeps runs reproducible.
 */
final class EventQueue {
    private ScheduledEvent[] heap = new ScheduledEvent[1024];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    ScheduledEvent peek() {
        return size == 0 ? null : heap[0];
    }

    void add(ScheduledEvent e) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.heapIndex = size;
        siftUp(size++);
    }

    ScheduledEvent poll() {
        if (size == 0) {
            return null;
        }
        ScheduledEvent top = heap[0];
        size--;
        if (size > 0) {
            heap[0] = heap[size];
            heap[0].heapIndex = 0;
            siftDown(0);
        }
        heap[size] = null;
        top.heapIndex = -1;
        return top;
    }

    private void siftUp(int i) {
        ScheduledEvent e = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            ScheduledEvent p = heap[parent];
            if (!e.before(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
    }

    private void siftDown(int i) {
        ScheduledEvent e = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            ScheduledEvent c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(e)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
