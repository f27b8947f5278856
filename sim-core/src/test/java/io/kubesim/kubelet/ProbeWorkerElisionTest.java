package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.Probe;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A probe worker whose probe passes steadily schedules no ticks, and a change of its container
 * brings the next tick back exactly where it would have been: at the next multiple of the period,
 * or at this very instant when the change comes from work placed before the ticks of the instant,
 * but not when it comes from work that runs after them (ordinary work, samplers).
 */
class ProbeWorkerElisionTest {
    /** A container whose application stops answering when told; it logs what the worker reports. */
    private static class Container implements ProbedContainer {
        boolean responds = true;
        final List<String> log = new ArrayList<>();
        private final Simulation sim;

        Container(Simulation sim) {
            this.sim = sim;
        }

        @Override
        public boolean isRunning() {
            return true;
        }

        @Override
        public boolean isStarted() {
            return true;
        }

        @Override
        public long startedAt() {
            return 0;
        }

        @Override
        public boolean appResponds() {
            return responds;
        }

        @Override
        public void probeFailed(ProbeType type, Probe probe) {
            log.add(SimTime.format(sim.now()) + " failed");
        }

        @Override
        public void probeResultChanged(ProbeType type, ProbeResult result) {
            log.add(SimTime.format(sim.now()) + " " + result);
        }
    }

    @AfterEach
    void restore() {
        ProbeWorker.elideQuiescentTicks(true);
    }

    /** The log of a readiness probe every 10 s whose application stops answering at 30 s, at {@code priority}. */
    private static Run run(boolean elide, int priority) {
        ProbeWorker.elideQuiescentTicks(elide);
        Simulation sim = new Simulation(1);
        Container c = new Container(sim);
        ProbeWorker w = new ProbeWorker(sim, c, ProbeType.READINESS, new Probe("httpGet :8080/ready", 0, 10, 1, 1, 1,
                null));
        sim.scheduleAt(0, () -> w.start());
        sim.scheduleAt(SimTime.seconds(30), priority, () -> {
            c.responds = false;
            w.wake();
        });
        sim.runUntil(SimTime.seconds(60));
        return new Run(c.log, sim.eventsProcessed());
    }

    private record Run(List<String> log, long events) {
    }

    @ParameterizedTest(name = "a change at a tick's instant with priority {0}: the probe fails at {1}")
    @CsvSource({
            "-2,   30s", // work placed before the ticks of its instant: the tick runs after it and sees the change
            "0,    40s", // ordinary work: the tick of that instant ran before it
            "1000, 40s", // a sampler's priority: the tick of that instant ran before it too
    })
    @DisplayName("a parked probe resumes where the uninterrupted ticks would have been")
    void resumesInPlace(int priority, String failsAt) {
        Run every = run(false, priority);
        Run elided = run(true, priority);
        assertEquals(List.of("0s SUCCESS", failsAt + " failed", failsAt + " FAILURE"), every.log().subList(0, 3));
        assertEquals(every.log(), elided.log());
        assertTrue(elided.events() < every.events(), elided.events() + " events elided, " + every.events() + " not");
    }

    /**
     * Two readiness probes ticking at the same instants; when the second one's application becomes
     * Ready at 30 s, ordinary work it starts (a rollout deleting the first one's pod, say) makes the
     * first one's application stop answering at that instant.
     */
    private static Run chained(boolean elide) {
        ProbeWorker.elideQuiescentTicks(elide);
        Simulation sim = new Simulation(1);
        Container first = new Container(sim);
        Container second = new Container(sim) {
            @Override
            public void probeResultChanged(ProbeType type, ProbeResult result) {
                super.probeResultChanged(type, result);
                if (result == ProbeResult.SUCCESS && sim.now() > 0) {
                    sim.schedule(0, () -> {
                        first.responds = false;
                        firstWorker[0].wake();
                    });
                }
            }
        };
        Probe probe = new Probe("httpGet :8080/ready", 0, 10, 1, 1, 1, null);
        firstWorker[0] = new ProbeWorker(sim, first, ProbeType.READINESS, probe);
        ProbeWorker w2 = new ProbeWorker(sim, second, ProbeType.READINESS, probe);
        second.responds = false;
        sim.scheduleAt(0, () -> {
            firstWorker[0].start();
            w2.start();
        });
        sim.scheduleAt(SimTime.seconds(25), () -> second.responds = true);
        sim.runUntil(SimTime.seconds(60));
        List<String> log = new ArrayList<>(first.log);
        log.add("second: " + second.log);
        return new Run(log, sim.eventsProcessed());
    }

    private static final ProbeWorker[] firstWorker = new ProbeWorker[1];

    @org.junit.jupiter.api.Test
    @DisplayName("a change made by work that a later tick of the same instant started comes after the earlier ticks of it")
    void workStartedByALaterTickOfTheInstant() {
        Run every = chained(false);
        Run elided = chained(true);
        assertEquals("40s failed", every.log().get(1), "the first probe's tick at 30 s ran before the second's: " + every);
        assertEquals(every.log(), elided.log());
        assertTrue(elided.events() < every.events());
    }
}
