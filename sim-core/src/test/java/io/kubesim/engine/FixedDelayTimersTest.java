package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Timers of one delay waiting in a FIFO beside the queue: they run, and are skipped, exactly where
 * timers scheduled one by one would, while the cancelled ones never enter the queue.
 */
class FixedDelayTimersTest {
    /** One run of a random script of work, timeouts and cancellations; what ran, in order. */
    private static final class Script {
        final Simulation sim = new Simulation(1);
        final boolean fifo;
        final Random random;
        final List<String> ran = new ArrayList<>();
        final List<ScheduledEvent> live = new ArrayList<>();
        int maxPending;
        int names;

        Script(boolean fifo, long seed) {
            this.fifo = fifo;
            this.random = new Random(seed);
        }

        ScheduledEvent timeout(long delay, String name) {
            Runnable action = () -> {
                ran.add(sim.now() + " " + name);
                step();
            };
            return fifo ? sim.fixedDelayTimers(delay).schedule(action) : sim.schedule(delay, action);
        }

        /** Some work: more work at random delays (often 0 or a timeout's delay, for ties), timeouts, cancellations. */
        void step() {
            maxPending = Math.max(maxPending, sim.pendingEvents());
            if (ran.size() > 4000) {
                return;
            }
            int work = 1 + random.nextInt(2);
            for (int i = 0; i < work; i++) {
                String name = "w" + names++;
                long delay = switch (random.nextInt(4)) {
                    case 0 -> 0;
                    case 1 -> 500;
                    case 2 -> 1000;
                    default -> random.nextInt(3000);
                };
                sim.schedule(delay, () -> {
                    ran.add(sim.now() + " " + name);
                    step();
                });
            }
            int timeouts = random.nextInt(3);
            for (int i = 0; i < timeouts; i++) {
                live.add(timeout(random.nextBoolean() ? 1000 : 500, "t" + names++));
            }
            while (!live.isEmpty() && random.nextInt(10) < 8) {
                live.remove(random.nextInt(live.size())).cancel();
            }
        }
    }

    @Test
    @DisplayName("timeouts run in the same order, at the same places among other events, as one event each")
    void sameOrderAsOneEventEach() {
        for (long seed = 1; seed <= 30; seed++) {
            Script plain = new Script(false, seed);
            Script fifo = new Script(true, seed);
            for (Script s : List.of(plain, fifo)) {
                s.sim.schedule(0, s::step);
                s.sim.runUntil(SimTime.NEVER);
            }
            assertTrue(plain.ran.size() > 100, "the script does something");
            assertEquals(plain.ran, fifo.ran, "seed " + seed);
            assertEquals(plain.sim.eventsProcessed(), fifo.sim.eventsProcessed(), "events counted, seed " + seed);
            assertTrue(fifo.maxPending <= plain.maxPending, "cancelled timeouts wait outside the queue");
        }
    }

    @Test
    @DisplayName("a cancelled timer behind the first one never enters the queue; the next live one does")
    void cancelledOnesAreDroppedAtTheTurnOfTheFirst() {
        Simulation sim = new Simulation(1);
        List<String> ran = new ArrayList<>();
        FixedDelayTimers timers = sim.fixedDelayTimers(SimTime.seconds(5));
        ScheduledEvent first = timers.schedule(() -> ran.add("first@" + sim.now()));
        List<ScheduledEvent> cancelled = new ArrayList<>();
        for (int i = 1; i <= 1000; i++) {
            sim.runUntil(i * SimTime.millis(1));
            cancelled.add(timers.schedule(() -> ran.add("never")));
        }
        sim.runUntil(SimTime.seconds(2));
        ScheduledEvent last = timers.schedule(() -> ran.add("last@" + sim.now()));
        cancelled.forEach(ScheduledEvent::cancel);
        assertEquals(1002, timers.waiting());
        assertEquals(1, sim.pendingEvents(), "only the first of the FIFO is queued");
        sim.runUntil(SimTime.seconds(5));
        assertEquals(1, timers.waiting(), "the first ran and the cancelled ones behind it were dropped at once");
        assertEquals(1, sim.pendingEvents(), "the last one took the first's place in the queue");
        sim.runUntil(SimTime.NEVER);
        assertEquals(List.of("first@" + SimTime.seconds(5), "last@" + SimTime.seconds(7)), ran);
        assertFalse(first.isPending());
        assertFalse(last.isPending());
        assertEquals(0, timers.waiting());
        assertEquals(2, sim.eventsProcessed());
    }

    @Test
    @DisplayName("one FIFO per delay")
    void oneFifoPerDelay() {
        Simulation sim = new Simulation(1);
        assertTrue(sim.fixedDelayTimers(10) == sim.fixedDelayTimers(10));
        assertFalse(sim.fixedDelayTimers(10) == sim.fixedDelayTimers(20));
        assertEquals(0, sim.fixedDelayTimers(-5).delay(), "a negative delay is no delay, as in schedule");
    }
}
