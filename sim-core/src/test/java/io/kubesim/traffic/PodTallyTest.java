package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.TimeSeriesStore;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What each pod received ({@link PodTally}), in both traffic modes: its requests and failures add
 * up to its Service's counts, in total and per interval, and a pod deleted before the end keeps
 * its figures. Fluid amounts are expected values, so sums may differ from the Service's whole
 * counts by the fractions not yet added up.
 */
class PodTallyTest {
    /** 5 ms of CPU per request, 20 ms of service time, 10 workers. */
    private static final ServingModel WEB = new ServingModel(10, 100, new DurationDistribution.Constant(SimTime.millis(20)),
            SimTime.seconds(30), 0, 1.0, true, List.of(), SimTime.millis(5), 0);

    @ParameterizedTest(name = "{0}")
    @EnumSource(TrafficMode.class)
    void perPodCountsAddUpToTheService(TrafficMode mode) {
        TrafficHarness h = new TrafficHarness(mode);
        h.apps.put("web", TrafficHarness.app(WEB, 1, 1));
        h.start();
        PodTally tally = h.traffic.ledger().pods();
        tally.recordIntervals();
        h.service("web");
        h.pod("web", "web-1", null, 30);
        h.pod("web", "web-2", null, 30);
        Pod leaving = h.pod("web", "web-3", null, 30);
        // The view reads the pods directly but keeps routing to a deleted pod for 2 s: it refuses
        // (connection_refused), charged to it.
        h.staleFor = SimTime.seconds(2);
        h.traffic("web", 90, SimTime.seconds(5), SimTime.seconds(30));
        ReplicaSpread sampler = new ReplicaSpread(h.traffic, SimTime.seconds(1));
        for (long t = 0; t <= SimTime.seconds(40); t += SimTime.seconds(1)) {
            h.sim.runUntil(t);
            if (t == SimTime.seconds(15)) {
                h.store.deletePod(leaving, null);
            }
            sampler.sample(t, new TimeSeriesStore());
        }
        tally.settle(h.traffic, h.sim.now());
        ServiceTraffic web = h.stats("web");
        double tolerance = mode == TrafficMode.FLUID ? 1 : 0;

        List<PodTraffic> pods = tally.pods();
        assertEquals(List.of("web-1", "web-2", "web-3"), pods.stream().map(PodTraffic::name).toList(),
                "the deleted pod is still listed");
        PodTraffic deleted = pods.get(2);
        assertTrue(deleted.requests() > 300 && deleted.failed() > 0,
                "web-3 served a third of 90/s for 10 s, then refused what the stale view still sent it: " + deleted.requests()
                        + " / " + deleted.failed());
        assertTrue(web.failed() > 0, "the stale view makes failures");
        assertEquals(web.requests(), pods.stream().mapToDouble(PodTraffic::requests).sum(), tolerance);
        assertEquals(web.failed(), pods.stream().mapToDouble(PodTraffic::failed).sum(), tolerance);
        double cpu = pods.stream().mapToDouble(PodTraffic::cpuMicros).sum();
        assertEquals(web.succeeded() * (double) SimTime.millis(5), cpu, SimTime.millis(5) * (tolerance + 1),
                "every served request cost 5 ms; refused ones none");

        for (int i = 0; i <= 40; i++) {
            double requests = 0;
            for (PodTraffic p : pods) {
                requests += p.requests(i);
            }
            assertEquals(web.requests(i), requests, 2 * tolerance, "requests in interval " + i);
        }
        for (PodTraffic p : pods) {
            double requests = 0;
            double cpuInIntervals = 0;
            for (int i = p.firstInterval(); i <= p.lastInterval(); i++) {
                requests += p.requests(i);
                cpuInIntervals += p.cpuMicros(i);
            }
            assertEquals(p.requests(), requests, 1e-6, p.name() + ": intervals add up to the total");
            assertEquals(p.cpuMicros(), cpuInIntervals, 1e-3, p.name() + ": CPU by interval adds up");
        }
        assertEquals(15, deleted.lastInterval(), "web-3 was deleted at 15 s: its last requests, refused, "
                + "came in that interval, while the stale view still routed to it");
    }
}
