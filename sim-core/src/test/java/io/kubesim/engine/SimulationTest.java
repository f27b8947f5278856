package io.kubesim.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The event kernel: ordering by (time, priority, sequence), cancellation, the run horizon. */
class SimulationTest {

    @Test
    @DisplayName("events run in time order; equal times in priority, then scheduling order")
    void ordering() {
        Simulation sim = new Simulation(1);
        List<String> log = new ArrayList<>();
        sim.scheduleAt(20, () -> log.add("b@20"));
        sim.scheduleAt(10, () -> log.add("a@10"));
        sim.scheduleAt(20, Simulation.LATE, () -> log.add("late@20"));
        sim.scheduleAt(20, () -> log.add("c@20"));
        sim.scheduleAt(5, () -> sim.schedule(15, () -> log.add("d@20 scheduled at 5")));
        sim.runUntil(100);
        assertEquals(List.of("a@10", "b@20", "c@20", "d@20 scheduled at 5", "late@20"), log);
        assertEquals(100, sim.now(), "the clock ends at the horizon");
        assertEquals(6, sim.eventsProcessed());
    }

    @Test
    void cancelledEventsDoNotRunAndDoNotCount() {
        Simulation sim = new Simulation(1);
        List<Long> log = new ArrayList<>();
        ScheduledEvent e = sim.scheduleAt(10, () -> log.add(sim.now()));
        sim.scheduleAt(20, () -> log.add(sim.now()));
        e.cancel();
        sim.runUntil(SimTime.NEVER);
        assertEquals(List.of(20L), log);
        assertEquals(1, sim.eventsProcessed());
    }

    @Test
    void eventsAfterTheHorizonWaitForTheNextRun() {
        Simulation sim = new Simulation(1);
        List<Long> log = new ArrayList<>();
        sim.scheduleAt(50, () -> log.add(sim.now()));
        sim.runUntil(40);
        assertEquals(List.of(), log);
        assertEquals(40, sim.now());
        sim.runUntil(60);
        assertEquals(List.of(50L), log);
    }

    @Test
    void schedulingInThePastIsRefused() {
        Simulation sim = new Simulation(1);
        sim.runUntil(100);
        assertThrows(IllegalArgumentException.class, () -> sim.scheduleAt(99, () -> { }));
    }

    @Test
    @DisplayName("a heap of many events pops in (time, sequence) order")
    void manyEvents() {
        Simulation sim = new Simulation(1);
        RandomStreams r = new RandomStreams(9);
        List<long[]> seen = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            long t = r.stream("t").nextInt(1000);
            int id = i;
            sim.scheduleAt(t, () -> seen.add(new long[]{sim.now(), id}));
        }
        sim.runUntil(SimTime.NEVER);
        for (int i = 1; i < seen.size(); i++) {
            long[] a = seen.get(i - 1);
            long[] b = seen.get(i);
            boolean ordered = a[0] < b[0] || a[0] == b[0] && a[1] < b[1];
            assertEquals(true, ordered, "event " + i);
        }
    }

    @Test
    @DisplayName("named streams depend only on the seed and the name, so adding a stream shifts no other")
    void streamsAreIndependent() {
        RandomStreams a = new RandomStreams(42);
        double first = a.stream("scheduler").nextDouble();
        RandomStreams b = new RandomStreams(42);
        b.stream("new-component").nextDouble();
        assertEquals(first, b.stream("scheduler").nextDouble());
        assertNotEquals(first, new RandomStreams(43).stream("scheduler").nextDouble());
        assertNotEquals(first, a.stream("kubelet").nextDouble());
    }

    @Test
    @DisplayName("durations print as Go prints them")
    void formatsDurations() {
        assertEquals("0s", SimTime.format(0));
        assertEquals("250ms", SimTime.format(SimTime.millis(250)));
        assertEquals("2.5s", SimTime.format(SimTime.millis(2500)));
        assertEquals("1m30s", SimTime.format(SimTime.seconds(90)));
        assertEquals("1h0m5s", SimTime.format(SimTime.seconds(3605)));
    }
}
