package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Steady replicas served as one ({@link FluidCohort}) give what serving each on its own gives:
 * the same outcomes per cause, the same per-pod counts, CPU time and offered requests, also for
 * members that leave (SIGTERM, deletion, a lagging view), at a fraction of the pod steps. Only
 * latency values are drawn fewer times, so percentiles agree closely, not exactly.
 */
class FluidCohortTest {
    private static final long S = SimTime.seconds(1);

    @AfterEach
    void restore() {
        FluidTraffic.takeShortcuts(true);
    }

    /** What one run gives, to compare with cohorts and without. */
    private record Outcome(Map<RequestCause, Long> causes, long requests, SortedMap<String, double[]> load,
                           SortedMap<String, double[]> perPod, long p50, long podSteps) {
    }

    /**
     * Six replicas of "web" behind a view 3 s late, serving 600/s from 10 s to 70 s; the first is
     * deleted at 30 s (an app that does not drain resets what it holds), a new one starts at 40 s.
     */
    private static Outcome run(boolean cohorts, boolean callsDownstream) {
        FluidTraffic.takeShortcuts(cohorts);
        TrafficHarness h = new TrafficHarness(TrafficMode.FLUID);
        ServingModel back = new ServingModel(8, 20, new DurationDistribution.Constant(SimTime.millis(5)),
                SimTime.seconds(5), 0, 1.0, true, List.of());
        List<ServingModel.Call> calls = callsDownstream
                ? List.of(new ServingModel.Call("default/back", 0.5, SimTime.seconds(2))) : List.of();
        ServingModel web = new ServingModel(50, 50, new DurationDistribution.Constant(SimTime.millis(300)),
                SimTime.seconds(30), 0, 1.0, false, calls);
        h.apps.put("web", TrafficHarness.app(web, 1, 0));
        h.apps.put("back", TrafficHarness.app(back, 1, 0));
        h.staleFor = SimTime.seconds(3);
        h.start();
        h.service("web");
        h.service("back");
        List<Pod> pods = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            pods.add(h.pod("web", "web-" + i, null, 30));
        }
        h.pod("back", "back-1", null, 30);
        h.pod("back", "back-2", null, 30);
        h.traffic("web", 600, 10 * S, 70 * S);
        h.sim.runUntil(30 * S);
        h.store.deletePod(pods.get(0), null);
        h.sim.runUntil(40 * S);
        h.pod("web", "web-7", null, 30);
        h.sim.runUntil(80 * S);
        ServiceTraffic s = h.stats("web");
        Map<RequestCause, Long> causes = new java.util.EnumMap<>(RequestCause.class);
        for (RequestCause c : RequestCause.values()) {
            causes.put(c, s.count(c));
        }
        SortedMap<String, double[]> perPod = new TreeMap<>();
        h.traffic.ledger().pods().settle(h.traffic, h.sim.now());
        for (PodTraffic p : h.traffic.ledger().pods().pods()) {
            perPod.put(p.name(), new double[] {p.requests(), p.failed()});
        }
        SortedMap<String, double[]> load = new TreeMap<>();
        h.traffic.visitLoad((pod, target, model, cpu, offered, held) -> load.put(pod.name(), new double[] {offered, cpu}));
        return new Outcome(causes, s.requests(), load, perPod, s.latencyPercentile(50),
                ((FluidTraffic) h.traffic).podSteps());
    }

    @Test
    @DisplayName("a cohort's counts are each member's: outcomes, per-pod counts and offered requests as pod by pod")
    void sameOutcomesAsPodByPod() {
        for (boolean calls : new boolean[] {false, true}) {
            Outcome alone = run(false, calls);
            Outcome together = run(true, calls);
            assertEquals(36_000, alone.requests(), 1);
            assertEquals(alone.requests(), together.requests(), 1);
            for (RequestCause c : RequestCause.values()) {
                assertEquals(alone.causes().get(c), together.causes().get(c), 1, c + " with calls " + calls);
            }
            assertTrue(alone.causes().get(RequestCause.RESET_ON_SIGTERM) > 0, "the deleted member reset what it held " + alone.causes());
            assertEquals(alone.load().keySet(), together.load().keySet());
            for (String pod : alone.load().keySet()) {
                assertEquals(alone.load().get(pod)[0], together.load().get(pod)[0], 1e-6, pod + " offered");
                assertEquals(alone.load().get(pod)[1], together.load().get(pod)[1], 1e-3, pod + " CPU time");
            }
            assertEquals(alone.perPod().keySet(), together.perPod().keySet());
            for (String pod : alone.perPod().keySet()) {
                assertEquals(alone.perPod().get(pod)[0], together.perPod().get(pod)[0], 1e-6, pod + " requests");
                assertEquals(alone.perPod().get(pod)[1], together.perPod().get(pod)[1], 1e-6, pod + " failed");
            }
            assertEquals(alone.p50(), together.p50(), SimTime.millis(1), "p50 from fewer drawn values");
        }
    }

    @Test
    @DisplayName("six steady replicas cost about one pod's steps, not six")
    void fewerPodSteps() {
        Outcome alone = run(false, false);
        Outcome together = run(true, false);
        assertTrue(together.podSteps() * 3 < alone.podSteps(),
                "pod steps with cohorts " + together.podSteps() + ", without " + alone.podSteps());
    }
}
