package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.engine.SimTime;
import io.kubesim.metrics.Decision;
import io.kubesim.metrics.DecisionRecorder;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * How failed requests become {@code RequestsFailed} bursts: one per (Service, pod, cause) with no
 * gap longer than {@link FailureBursts#GAP}, recorded when a later failure opens a new burst or
 * when the run ends, in a fixed order.
 */
class FailureBurstsTest {
    private final DecisionRecorder decisions = new DecisionRecorder(true);
    private final FailureBursts bursts = new FailureBursts(decisions);

    private static long ms(long millis) {
        return SimTime.millis(millis);
    }

    private static String summary(Decision d) {
        return d.object() + " " + d.facts().get("pod") + " " + d.facts().get("cause") + " x" + d.facts().get("count")
                + " " + d.facts().get("first") + ".." + d.facts().get("last");
    }

    private List<String> recorded() {
        return decisions.decisions().stream().map(FailureBurstsTest::summary).toList();
    }

    @Test
    @DisplayName("failures at most 1 s apart are one burst; a longer gap starts another, recorded when it opens")
    void gapSplitsBursts() {
        bursts.failed("default/web", "default/web-1", RequestCause.CONNECTION_REFUSED, ms(1000), 1);
        bursts.failed("default/web", "default/web-1", RequestCause.CONNECTION_REFUSED, ms(2000), 1);
        bursts.failed("default/web", "default/web-1", RequestCause.CONNECTION_REFUSED, ms(2900), 1);
        assertEquals(List.of(), recorded(), "still open");
        bursts.failed("default/web", "default/web-1", RequestCause.CONNECTION_REFUSED, ms(4000), 1);
        assertEquals(List.of("Service/default/web default/web-1 connection_refused x3 1.0..2.9"), recorded());
        bursts.flush();
        assertEquals(List.of("Service/default/web default/web-1 connection_refused x3 1.0..2.9",
                "Service/default/web default/web-1 connection_refused x1 4.0..4.0"), recorded());
        assertEquals(SimTime.seconds(1), decisions.decisions().get(0).time(), "a burst is dated by its first failure");
    }

    @Test
    @DisplayName("each pod and each cause has its own burst; failures that reached no pod have pod \"\"")
    void byPodAndCause() {
        bursts.failed("default/web", "default/web-2", RequestCause.CONNECTION_REFUSED, ms(500), 1);
        bursts.failed("default/web", "default/web-1", RequestCause.CONNECTION_REFUSED, ms(500), 1);
        bursts.failed("default/web", "default/web-1", RequestCause.KILLED_IN_FLIGHT, ms(600), 2);
        bursts.failed("default/web", null, RequestCause.NO_ENDPOINTS, ms(100), 1);
        bursts.flush();
        assertEquals(List.of("Service/default/web  no_endpoints x1 0.1..0.1",
                "Service/default/web default/web-1 connection_refused x1 0.5..0.5",
                "Service/default/web default/web-2 connection_refused x1 0.5..0.5",
                "Service/default/web default/web-1 killed_in_flight x2 0.6..0.6"), recorded(),
                "flushed by first failure, then Service, pod and cause");
    }

    @Test
    @DisplayName("fluid amounts add up and round to whole requests; a burst of less than half a request is not recorded")
    void fluidAmounts() {
        bursts.failed("default/web", "default/web-1", RequestCause.TIMEOUT, ms(0), 0.4);
        bursts.failed("default/web", "default/web-1", RequestCause.TIMEOUT, ms(100), 0.4);
        bursts.failed("default/web", "default/web-1", RequestCause.TIMEOUT, ms(200), 0.4);
        bursts.failed("default/web", "default/web-2", RequestCause.TIMEOUT, ms(200), 0.3);
        bursts.failed("default/web", "default/web-2", RequestCause.OK, ms(200), 50);
        bursts.flush();
        assertEquals(List.of("Service/default/web default/web-1 timeout x1 0.0..0.2"), recorded());
    }

    @Test
    @DisplayName("a timeout counted when its client gave up, before a failure already seen, widens the burst backwards")
    void earlierOutcomeWidensBurst() {
        bursts.failed("default/web", "default/web-1", RequestCause.TIMEOUT, ms(5000), 1);
        bursts.failed("default/web", "default/web-1", RequestCause.TIMEOUT, ms(4800), 1);
        bursts.flush();
        assertEquals(List.of("Service/default/web default/web-1 timeout x2 4.8..5.0"), recorded());
    }
}
