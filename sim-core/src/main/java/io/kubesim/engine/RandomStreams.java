package io.kubesim.engine;

import java.util.HashMap;
import java.util.Map;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;

/**
 * Named random streams split from one scenario seed.
 *
 * <p>Each source of randomness asks for its own stream by a stable name ("scheduler",
 * "kubelet/node-3", "app/web"). A stream's draws depend only on the seed and its name, so adding
 * a new random source never shifts the draws of the others: two scenario variants compared in a
 * what-if analysis see the same randomness where they share components (common random numbers).
 */
public final class RandomStreams {
    private final long seed;
    private final Map<String, RandomGenerator> streams = new HashMap<>();

    public RandomStreams(long seed) {
        this.seed = seed;
    }

    public long seed() {
        return seed;
    }

    /** The stream with this name; the same name always returns the same generator. */
    public RandomGenerator stream(String name) {
        return streams.computeIfAbsent(name, n -> new Well19937c(streamSeed(seed, n)));
    }

    /** The 64-bit seed of a named stream: SplitMix64 over the seed mixed with FNV-1a of the name. */
    static long streamSeed(long seed, String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h ^= name.charAt(i);
            h *= 0x100000001b3L;
        }
        return splitMix64(seed ^ splitMix64(h));
    }

    private static long splitMix64(long x) {
        long z = x + 0x9e3779b97f4a7c15L;
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
