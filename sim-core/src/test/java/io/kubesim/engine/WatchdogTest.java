package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The engine's watchdog: how the CLI's runaway guards see a run without touching it. */
class WatchdogTest {
    /** A simulation whose one event reschedules itself every microsecond, forever. */
    private static Simulation ticking() {
        Simulation sim = new Simulation(1);
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> sim.schedule(1, tick[0]);
        sim.schedule(0, tick[0]);
        return sim;
    }

    @Test
    @DisplayName("the watchdog looks every WATCH_EVERY events, with the clock and the count")
    void looksEveryWatchEveryEvents() {
        Simulation sim = ticking();
        List<long[]> looks = new ArrayList<>();
        sim.watch((now, processed) -> looks.add(new long[]{now, processed}));
        sim.runUntil(3 * Simulation.WATCH_EVERY + 10);
        assertEquals(3, looks.size());
        for (int i = 0; i < 3; i++) {
            assertEquals((i + 1) * Simulation.WATCH_EVERY, looks.get(i)[1]);
            assertEquals((i + 1) * Simulation.WATCH_EVERY - 1, looks.get(i)[0], "the time of the event just run");
        }
    }

    @Test
    @DisplayName("what the watchdog throws ends the run there")
    void itsExceptionEndsTheRun() {
        Simulation sim = ticking();
        sim.watch((now, processed) -> {
            if (processed >= 2 * Simulation.WATCH_EVERY) {
                throw new IllegalStateException("runaway at " + processed);
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> sim.runUntil(SimTime.NEVER));
        assertEquals("runaway at " + 2 * Simulation.WATCH_EVERY, e.getMessage());
        assertEquals(2 * Simulation.WATCH_EVERY, sim.eventsProcessed());
    }

    @Test
    @DisplayName("a watched run runs the same events as an unwatched one")
    void watchingChangesNothing() {
        Simulation watched = ticking();
        watched.watch((now, processed) -> { });
        Simulation plain = ticking();
        watched.runUntil(200_000);
        plain.runUntil(200_000);
        assertEquals(plain.eventsProcessed(), watched.eventsProcessed());
        assertEquals(plain.now(), watched.now());
    }
}
