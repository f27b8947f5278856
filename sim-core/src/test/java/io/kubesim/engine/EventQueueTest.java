package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The event queue pops in (time, priority, sequence) order, exactly as a reference
 * {@link PriorityQueue} ordered by (time, {@link EventQueue#order}) does, whatever the shape of
 * the pending set. Each randomized shape runs over several seeds and over three ladders: the
 * default thresholds and two tiny ones that split buckets and hit the rung cap with few events.
 */
class EventQueueTest {
    private static final Comparator<ScheduledEvent> KEY = Comparator
            .comparingLong((ScheduledEvent e) -> e.time)
            .thenComparingLong(e -> e.order);

    private static final List<Supplier<EventQueue>> LADDERS = List.of(
            EventQueue::new,
            () -> new EventQueue(4, 5),
            () -> new EventQueue(1, 2));

    private static final long[] SEEDS = {1, 2, 3};

    /** The queue under test beside the reference, compared after every operation. */
    private static final class Checked {
        final EventQueue queue;
        final PriorityQueue<ScheduledEvent> reference = new PriorityQueue<>(KEY);
        final SplittableRandom random;
        final String label;
        long sequence;
        long now;
        long operations;

        Checked(EventQueue queue, SplittableRandom random, String label) {
            this.queue = queue;
            this.random = random;
            this.label = label;
        }

        void add(long time, int priority) {
            ScheduledEvent e = new ScheduledEvent(time, priority, sequence++, null);
            queue.add(e);
            reference.add(e);
            check();
        }

        /** Adds at {@code now + delay}, saturating at {@code Long.MAX_VALUE}. */
        void addAfter(long delay, int priority) {
            add(delay > Long.MAX_VALUE - now ? Long.MAX_VALUE : now + delay, priority);
        }

        ScheduledEvent poll() {
            ScheduledEvent expected = reference.poll();
            ScheduledEvent actual = queue.poll();
            assertSame(expected, actual, () -> label + ": poll after " + operations + " operations");
            if (actual != null) {
                now = actual.time;
            }
            check();
            return actual;
        }

        void drain() {
            while (!reference.isEmpty()) {
                poll();
            }
            assertNull(queue.poll(), label);
            assertTrue(queue.isEmpty(), label);
        }

        /**
         * Size always; the head (by peek or by peekTime) only two times in three, so that adds also
         * happen while Bottom is empty and nothing has been refilled yet, as in a simulation run.
         */
        private void check() {
            operations++;
            assertEquals(reference.size(), queue.size(), () -> label + ": size after " + operations + " operations");
            assertEquals(reference.isEmpty(), queue.isEmpty(), label);
            ScheduledEvent head = reference.peek();
            switch (random.nextInt(3)) {
                case 0 -> assertSame(head, queue.peek(), () -> label + ": peek after " + operations + " operations");
                case 1 -> {
                    if (head != null) {
                        assertEquals(head.time, queue.peekTime(), () -> label + ": peekTime after " + operations + " operations");
                    }
                }
                default -> { }
            }
        }
    }

    private interface Shape {
        void run(Checked c);
    }

    /** Runs {@code shape} for every seed and ladder, each on a fresh queue and reference. */
    private static void forEachSeedAndLadder(Shape shape) {
        for (long seed : SEEDS) {
            for (int l = 0; l < LADDERS.size(); l++) {
                Checked c = new Checked(LADDERS.get(l).get(), new SplittableRandom(seed), "seed " + seed + ", ladder " + l);
                shape.run(c);
                c.drain();
            }
        }
    }

    /** Mostly ordinary events, some earlier and some observer-like later priorities. */
    private static int priority(SplittableRandom r) {
        return switch (r.nextInt(8)) {
            case 0 -> -3;
            case 1 -> Simulation.LATE;
            case 2 -> 7;
            default -> Simulation.NORMAL;
        };
    }

    @Test
    @DisplayName("timers that reschedule themselves 1..65,536 µs later pop as the reference does")
    void uniformTimers() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            int pending = 1 + r.nextInt(20_000);
            for (int i = 0; i < pending; i++) {
                c.add(i, priority(r));
            }
            for (int i = 0; i < 60_000; i++) {
                c.poll();
                c.addAfter(1 + r.nextInt(65_536), priority(r));
            }
        });
    }

    @Test
    @DisplayName("clumps of thousands of events at one instant pop in (priority, sequence) order")
    void clumps() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            for (int i = 0; i < 20_000; i++) {
                c.add(0, priority(r));
            }
            for (int i = 0; i < 3_000; i++) {
                c.add(1 + r.nextInt(3), priority(r));
                c.add(1_000_000, priority(r));
            }
            for (int i = 0; i < 15_000; i++) {
                c.poll();
                if (r.nextInt(4) == 0) {
                    c.addAfter(0, priority(r));
                }
            }
            // a second clump arriving mid-run at the current instant, then one a little later
            for (int i = 0; i < 10_000; i++) {
                c.addAfter(0, priority(r));
                c.addAfter(5, priority(r));
            }
            for (int i = 0; i < 20_000; i++) {
                c.poll();
            }
        });
    }

    @Test
    @DisplayName("events added at the current time while draining take their place among the ties")
    void zeroDelaysWhileDraining() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            for (int i = 0; i < 5_000; i++) {
                c.add(r.nextLong(50_000), priority(r));
            }
            for (int i = 0; i < 40_000 && !c.reference.isEmpty(); i++) {
                c.poll();
                int adds = c.reference.size() < 20_000 ? r.nextInt(3) : 0;
                for (int a = 0; a < adds; a++) {
                    c.addAfter(r.nextInt(4) == 0 ? 1 + r.nextInt(100) : 0, priority(r));
                }
            }
        });
    }

    @Test
    @DisplayName("times spread up to Long.MAX_VALUE (SimTime.NEVER), with ties there, pop in order")
    void hugeSpans() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            for (int i = 0; i < 30_000; i++) {
                int bits = r.nextInt(64);
                long delay = bits == 63 ? Long.MAX_VALUE : r.nextLong(1L << bits);
                c.addAfter(delay, priority(r));
                if (r.nextInt(10) == 0) {
                    c.add(Long.MAX_VALUE, priority(r));
                }
                if (r.nextInt(3) == 0) {
                    c.poll();
                }
            }
            while (!c.reference.isEmpty() && c.now < Long.MAX_VALUE) {
                c.poll();
            }
            // at the end of time, events can still be added, and only there
            for (int i = 0; i < 200; i++) {
                c.add(Long.MAX_VALUE, priority(r));
                if (r.nextBoolean()) {
                    c.poll();
                }
            }
        });
    }

    @Test
    @DisplayName("interleaved adds and polls, growing and shrinking, with mixed delays")
    void interleaved() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            for (int phase = 0; phase < 6; phase++) {
                int addsIn100 = phase % 2 == 0 ? 70 : 30;
                for (int i = 0; i < 20_000; i++) {
                    if (r.nextInt(100) < addsIn100) {
                        long delay = switch (r.nextInt(4)) {
                            case 0 -> 0;
                            case 1 -> r.nextInt(10);
                            case 2 -> r.nextInt(1_000_000);
                            default -> r.nextLong(1L << 40);
                        };
                        c.addAfter(delay, priority(r));
                    } else {
                        c.poll();
                    }
                }
            }
        });
    }

    @Test
    @DisplayName("growth to 200,000 pending events, then a full drain")
    void growThenDrain() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            long span = 1L << (10 + r.nextInt(30));
            for (int i = 0; i < 200_000; i++) {
                c.add(r.nextLong(span), priority(r));
            }
            assertEquals(200_000, c.queue.size());
        });
    }

    @Test
    @DisplayName("the order stays exact even for adds before the last polled time (which Simulation refuses)")
    void addsInThePast() {
        forEachSeedAndLadder(c -> {
            SplittableRandom r = c.random;
            for (int i = 0; i < 30_000; i++) {
                if (r.nextInt(100) < 55) {
                    c.add(r.nextLong(c.now + 100_000), priority(r));
                } else {
                    c.poll();
                }
            }
        });
    }

    @Test
    @DisplayName("an empty queue polls and peeks null")
    void empty() {
        EventQueue q = new EventQueue();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertNull(q.peek());
        assertNull(q.poll());
        assertEquals(Long.MAX_VALUE, q.peekTime());
        q.add(new ScheduledEvent(3, 0, 0, null));
        q.poll();
        assertNull(q.poll(), "empty again after the only event");
        assertNull(q.peek());
    }

    @Test
    @DisplayName("one event, at 0 or at Long.MAX_VALUE")
    void oneEvent() {
        for (long t : new long[]{0, 1, Long.MAX_VALUE}) {
            EventQueue q = new EventQueue();
            ScheduledEvent e = new ScheduledEvent(t, 0, 0, null);
            q.add(e);
            assertFalse(q.isEmpty());
            assertEquals(1, q.size());
            assertEquals(t, q.peekTime());
            assertSame(e, q.peek());
            assertSame(e, q.poll());
            assertTrue(q.isEmpty());
        }
    }

    @Test
    @DisplayName("all at one time: lower priority first, then scheduling order")
    void allEqualTimes() {
        EventQueue q = new EventQueue();
        ScheduledEvent[][] byPriority = new ScheduledEvent[11][100];
        long sequence = 0;
        for (int p = 5; p >= -5; p--) {
            for (int i = 0; i < 100; i++) {
                byPriority[p + 5][i] = new ScheduledEvent(42, p, sequence++, null);
                q.add(byPriority[p + 5][i]);
            }
        }
        for (int p = -5; p <= 5; p++) {
            for (int i = 0; i < 100; i++) {
                assertEquals(42, q.peekTime());
                assertSame(byPriority[p + 5][i], q.poll(), "priority " + p + ", event " + i);
            }
        }
        assertTrue(q.isEmpty());
    }

    @Test
    @DisplayName("an event added at the current time, while later events wait in rungs, runs next")
    void zeroDelayAmongRungs() {
        EventQueue q = new EventQueue();
        long sequence = 0;
        for (int i = 0; i < 10_000; i++) {
            q.add(new ScheduledEvent(10L * i, 0, sequence++, null));
        }
        ScheduledEvent first = q.poll();
        assertEquals(0, first.time);
        assertTrue(q.rungCount() > 0, "10,000 spread events are laid out in rungs");
        ScheduledEvent now = new ScheduledEvent(0, 0, sequence++, null);
        ScheduledEvent nowEarly = new ScheduledEvent(0, -1, sequence++, null);
        q.add(now);
        q.add(nowEarly);
        assertSame(nowEarly, q.poll(), "lower priority first at the same instant");
        assertSame(now, q.poll());
        assertEquals(10, q.poll().time);
    }

    @Test
    @DisplayName("at 100,000 pending timers the heap at the bottom stays small and the ladder shallow")
    void bottomStaysSmall() {
        EventQueue q = new EventQueue();
        SplittableRandom r = new SplittableRandom(7);
        long sequence = 0;
        for (int i = 0; i < 100_000; i++) {
            q.add(new ScheduledEvent(i, 0, sequence++, null));
        }
        int largestBottom = 0;
        int deepest = 0;
        for (int i = 0; i < 400_000; i++) {
            ScheduledEvent e = q.poll();
            q.add(new ScheduledEvent(e.time + 1 + r.nextInt(65_536), 0, sequence++, null));
            largestBottom = Math.max(largestBottom, q.bottomSize());
            deepest = Math.max(deepest, q.rungCount());
        }
        assertEquals(100_000, q.size());
        assertTrue(largestBottom <= EventQueue.DEFAULT_SPLIT, "largest Bottom: " + largestBottom);
        assertTrue(deepest <= 2, "deepest ladder: " + deepest);
    }

    @Test
    @DisplayName("order packs priority above sequence and refuses priorities it cannot hold")
    void orderKey() {
        assertTrue(EventQueue.order(-1, 1_000) < EventQueue.order(0, 0));
        assertTrue(EventQueue.order(0, 5) < EventQueue.order(0, 6));
        assertTrue(EventQueue.order(Simulation.NORMAL, (1L << 41) - 1) < EventQueue.order(Simulation.LATE, 0));
        assertThrows(IllegalArgumentException.class, () -> EventQueue.order(1 << 21, 0));
        assertThrows(IllegalArgumentException.class, () -> EventQueue.order(-(1 << 21) - 1, 0));
    }
}
