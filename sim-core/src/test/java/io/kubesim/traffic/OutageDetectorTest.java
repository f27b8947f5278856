package io.kubesim.traffic;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Outages: runs of at least 5 s with half the requests failing or no ready endpoint, after first readiness. */
class OutageDetectorTest {
    private static final long S = 1_000_000L;

    private static ServiceTraffic traffic(int seconds, int failFrom, int failTo) {
        ServiceTraffic t = new ServiceTraffic("default/web", "web", S);
        for (int i = 0; i < seconds; i++) {
            for (int k = 0; k < 10; k++) {
                boolean fail = i >= failFrom && i < failTo && k < 6;
                t.record(i * S + k, fail ? RequestCause.CONNECTION_REFUSED : RequestCause.OK, 1000);
            }
        }
        return t;
    }

    @Test
    @DisplayName("6 s at a 60 % error ratio is an outage from its first to past its last failing interval")
    void errorRatioRun() {
        List<Outage> o = OutageDetector.DEFAULT.find("web", traffic(30, 10, 16), null, 0, S, 30 * S);
        assertEquals(List.of(new Outage("web", 10 * S, 16 * S)), o);
    }

    @Test
    @DisplayName("a 4 s run is shorter than the 5 s minimum")
    void tooShort() {
        assertEquals(List.of(), OutageDetector.DEFAULT.find("web", traffic(30, 10, 14), null, 0, S, 30 * S));
    }

    @Test
    @DisplayName("no ready endpoint counts as out, but not before the Service first had one")
    void noReadyEndpoints() {
        boolean[] none = new boolean[30];
        for (int i = 0; i < 8; i++) {
            none[i] = true;
        }
        for (int i = 20; i < 27; i++) {
            none[i] = true;
        }
        List<Outage> o = OutageDetector.DEFAULT.find("web", null, none, 8 * S, S, 30 * S);
        assertEquals(List.of(new Outage("web", 20 * S, 27 * S)), o);
    }

    @Test
    @DisplayName("a Service that never had a ready endpoint is out while it fails its requests (a StatefulSet's Service, an unmet readiness gate)")
    void neverReadyButFailingIsAnOutage() {
        boolean[] none = new boolean[30];
        java.util.Arrays.fill(none, true);
        List<Outage> o = OutageDetector.DEFAULT.find("web", traffic(30, 0, 30), none, Long.MAX_VALUE, S, 30 * S);
        assertEquals(List.of(new Outage("web", 0, 30 * S)), o);
    }

    @Test
    @DisplayName("a Service that never had a ready endpoint and gets no request is not out")
    void neverReadyAndIdleIsNoOutage() {
        boolean[] none = new boolean[30];
        java.util.Arrays.fill(none, true);
        assertEquals(List.of(), OutageDetector.DEFAULT.find("web", null, none, Long.MAX_VALUE, S, 30 * S));
    }
}
