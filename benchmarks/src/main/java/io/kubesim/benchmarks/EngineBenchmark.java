package io.kubesim.benchmarks;

import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How many events per second the engine runs: {@code pending} timers, each rescheduling itself
 * after a pseudo-random delay (like probe and controller timers do), until {@value #EVENTS}
 * events have run: the timer that runs the last one stops the run, so an invocation runs exactly
 * that many (an earlier version ran to time horizons a million microseconds apart, which at
 * 100,000 pending, about three events per microsecond, ran three times the events it counted).
 * The score is events per second. The queue (a ladder queue) does about the same
 * work per event whatever {@code pending} is; what still grows with it is the memory the pending
 * events and their timers are spread over.
 *
 * <p>Run: {@code mvn -B -q -pl benchmarks -am package -DskipTests &&
 * java -jar benchmarks/target/benchmarks.jar EngineBenchmark -f 1 -wi 2 -i 3}
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(1)
public class EngineBenchmark {
    static final int EVENTS = 1_000_000;

    @Param({"1000", "100000"})
    int pending;

    /** A timer that reschedules itself; its delays come from a cheap LCG so the engine dominates. */
    private static final class Timer implements Runnable {
        private final Simulation sim;
        private long state;
        long fired;

        Timer(Simulation sim, long seed) {
            this.sim = sim;
            this.state = seed;
        }

        @Override
        public void run() {
            fired++;
            state = state * 6364136223846793005L + 1442695040888963407L;
            sim.schedule(1 + ((state >>> 33) & 0xFFFF), this);
            if (sim.eventsProcessed() == EVENTS) {
                sim.stop();
            }
        }
    }

    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long events() {
        Simulation sim = new Simulation(1);
        for (int i = 0; i < pending; i++) {
            sim.schedule(i, new Timer(sim, i));
        }
        sim.runUntil(SimTime.NEVER);
        if (sim.eventsProcessed() != EVENTS) {
            throw new IllegalStateException("ran " + sim.eventsProcessed() + " events, not " + EVENTS);
        }
        return sim.eventsProcessed();
    }

    /**
     * The floor under {@link #events}: the same work per event (a timer's state stepped, a
     * 40-byte handle allocated and stored) without any ordering. Each "pop" takes the handle in a
     * pseudo-random slot and runs its timer, each "push" stores a new handle in the slot the timer's
     * next delay picks. What is left is touching {@code pending} scattered objects, which no
     * queue can avoid: at 100,000 pending that alone falls far below the rate at 1,000.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS)
    public long scatteredTouchesOnly() {
        Slot[] slots = new Slot[pending];
        for (int i = 0; i < pending; i++) {
            slots[i] = new Slot(i, new long[] {i});
        }
        long x = 12345;
        long sum = 0;
        for (int k = 0; k < EVENTS; k++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            Slot popped = slots[(int) ((x >>> 33) % pending)];
            long[] timer = popped.timer;
            timer[0] = timer[0] * 6364136223846793005L + 1442695040888963407L;
            int next = (int) ((timer[0] >>> 33) % pending);
            slots[next] = new Slot(popped.time + 1 + ((timer[0] >>> 33) & 0xFFFF), slots[next].timer);
            sum += popped.time;
        }
        return sum;
    }

    /** A pending event's stand-in: its time and its timer's state. */
    private record Slot(long time, long[] timer) {
    }
}
