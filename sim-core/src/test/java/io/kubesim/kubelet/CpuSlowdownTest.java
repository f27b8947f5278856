package io.kubesim.kubelet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** How much slower requests are served when their container is short of CPU. */
class CpuSlowdownTest {
    @Test
    @DisplayName("one core: the M/M/1 processor-sharing stretch 1 / (1 − ρ)")
    void oneCore() {
        assertEquals(2.0, CpuSlowdown.stretch(1, 0.5), 1e-12);
        assertEquals(5.0, CpuSlowdown.stretch(1, 0.8), 1e-12);
    }

    @Test
    @DisplayName("two cores: 1 + C(2, 2ρ) / (2 (1 − ρ)), with Erlang C(2, 1) = 1/3 at ρ = 0.5")
    void twoCores() {
        assertEquals(1 + (1.0 / 3) / (2 * 0.5), CpuSlowdown.stretch(2, 0.5), 1e-12);
    }

    @Test
    @DisplayName("only the CPU share of the service time is stretched")
    void onlyTheCpuShare() {
        // half the service time is CPU, one core at ρ = 0.5: 0.5 + 0.5 × 2 = 1.5
        assertEquals(1.5, CpuSlowdown.factor(0.5, 1.0, 0.5), 1e-12);
        assertEquals(1.0, CpuSlowdown.factor(0.9, 1.0, 0.0), 1e-12, "requests that use no CPU are not slowed");
    }

    @Test
    @DisplayName("demand at or above what the container can use: capped at ρ = 0.99, a hundredfold stretch")
    void overTheLimit() {
        double f = CpuSlowdown.factor(2.0, 0.5, 1.0);
        assertEquals(CpuSlowdown.stretch(1, CpuSlowdown.MAX_UTILISATION), f, 1e-9);
        assertTrue(f > 99, "f = " + f);
    }

    @Test
    @DisplayName("more cores at the same utilisation wait less")
    void moreCoresLessWait() {
        assertTrue(CpuSlowdown.stretch(8, 0.7) < CpuSlowdown.stretch(2, 0.7));
        assertTrue(CpuSlowdown.stretch(2, 0.7) < CpuSlowdown.stretch(1, 0.7));
    }
}
