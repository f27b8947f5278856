package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.kubelet.EvictionRanking.Candidate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** The memory-pressure eviction order, k8s-semantics.md 4.5 "Ranking". */
class EvictionRankingTest {
    private static final long MI = 1L << 20;

    private static List<String> order(Candidate... cs) {
        List<Candidate> list = new ArrayList<>(List.of(cs));
        list.sort(EvictionRanking.MEMORY);
        return list.stream().map(Candidate::name).toList();
    }

    @Test
    @DisplayName("4.5: pods using more than their request go first, whatever their priority or size")
    void usageAboveRequestFirst() {
        Candidate within = new Candidate("within", 900 * MI, 1000 * MI, 0);
        Candidate above = new Candidate("above", 300 * MI, 256 * MI, 1000);
        assertEquals(List.of("above", "within"), order(within, above));
    }

    @Test
    @DisplayName("4.5: among pods above their request, lower priority goes first, even with a smaller excess")
    void thenLowerPriority() {
        Candidate leakHigh = new Candidate("leak-high-priority", 4000 * MI, 1024 * MI, 100000);
        Candidate webLow = new Candidate("web-low-priority", 400 * MI, 256 * MI, 0);
        assertEquals(List.of("web-low-priority", "leak-high-priority"), order(leakHigh, webLow));
    }

    @Test
    @DisplayName("4.5: same priority: the larger usage − request goes first")
    void thenLargerExcess() {
        Candidate small = new Candidate("small", 400 * MI, 256 * MI, 0);
        Candidate big = new Candidate("big", 3000 * MI, 1024 * MI, 0);
        assertEquals(List.of("big", "small"), order(small, big));
    }

    @Test
    @DisplayName("4.5: QoS is not a key; a BestEffort pod (request 0) is simply always above its request")
    void bestEffortOnlyThroughTheRequest() {
        Candidate bestEffort = new Candidate("best-effort", 10 * MI, 0, 0);
        Candidate burstableWithin = new Candidate("burstable-within", 500 * MI, 512 * MI, 0);
        Candidate burstableAbove = new Candidate("burstable-above", 600 * MI, 512 * MI, 0);
        assertEquals(List.of("burstable-above", "best-effort", "burstable-within"),
                order(burstableWithin, bestEffort, burstableAbove));
    }

    @Test
    @DisplayName("4.5: pods within their request are ordered by priority, then by excess (the most negative last)")
    void withinRequestByPriorityThenExcess() {
        Candidate a = new Candidate("a", 100 * MI, 512 * MI, 10);
        Candidate b = new Candidate("b", 100 * MI, 512 * MI, 0);
        Candidate c = new Candidate("c", 500 * MI, 512 * MI, 0);
        assertEquals(List.of("c", "b", "a"), order(a, b, c));
    }
}
