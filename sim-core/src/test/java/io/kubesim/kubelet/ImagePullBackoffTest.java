package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The image pull back-off window (k8s-semantics.md 18.3): 10 s doubling to 300 s, reset after 600 s without failure. */
class ImagePullBackoffTest {
    private final ImagePullBackoff backoff = new ImagePullBackoff(SimTime.seconds(10), SimTime.seconds(300));

    @Test
    void windowsDoubleUpToTheCap() {
        List<Long> windows = new ArrayList<>();
        long now = 0;
        for (int i = 0; i < 8; i++) {
            backoff.failed(now);
            windows.add((backoff.retryAt() - now) / SimTime.MICROS_PER_SECOND);
            now = backoff.retryAt();
        }
        assertEquals(List.of(10L, 20L, 40L, 80L, 160L, 300L, 300L, 300L), windows);
    }

    @Test
    void insideTheWindowNoPullIsTried() {
        backoff.failed(SimTime.seconds(5));
        assertTrue(backoff.inBackOff(SimTime.seconds(14)));
        assertFalse(backoff.inBackOff(SimTime.seconds(15)), "the window is [failure, failure + 10 s)");
    }

    @Test
    void sixHundredSecondsWithoutAFailureResetsTheWindow() {
        backoff.failed(0);
        backoff.failed(SimTime.seconds(10));
        backoff.failed(SimTime.seconds(30));
        assertEquals(SimTime.seconds(70), backoff.retryAt(), "third failure: 40 s");
        backoff.failed(SimTime.seconds(30 + 601));
        assertEquals(SimTime.seconds(631 + 10), backoff.retryAt(), "more than 2 × 300 s later: back to 10 s");
    }
}
