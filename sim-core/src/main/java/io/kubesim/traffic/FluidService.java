package io.kubesim.traffic;

import java.util.Arrays;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * One Service in the fluid model: the calls its callers send it (rates per call timeout, applied
 * in the next step), and what its callers need to know of it: the share of its requests that
 * failed in the last step and a sample of the latencies it served, from which a caller's own
 * latency and timeouts are drawn. That sample is kept only for a Service some caller reads
 * ({@link #readByCallers}): drawing it every step for every Service cost a tenth of a large run.
 */
final class FluidService {
    private static final int RECENT = 32;

    final ServiceTraffic stats;
    final String key;
    /** Call rates (per second) arriving next step, by the callers' call timeout. */
    private long[] callTimeouts = new long[4];
    private double[] callRates = new double[4];
    private NetworkPolicies.Party[] callParties = new NetworkPolicies.Party[4];
    private int calls;
    private long[] pendingTimeouts = new long[4];
    private double[] pendingRates = new double[4];
    private NetworkPolicies.Party[] pendingParties = new NetworkPolicies.Party[4];
    private int pending;

    private double stepTotal;
    private double stepFailed;
    private double failShare;

    private long[] stepSamples = new long[64];
    private double[] stepWeights = new double[64];
    private int stepSampleCount;
    private final long[] recent = new long[RECENT];
    private int recentCount;
    /** Whether callers read the latency sample: it is drawn at each step's end only then. */
    private boolean called;

    FluidService(String key, ServiceTraffic stats, boolean called) {
        this.key = key;
        this.stats = stats;
        this.called = called;
    }

    /** From now on callers read the latency sample (a model calling this Service was met). */
    void readByCallers() {
        called = true;
    }

    /**
     * A caller sends calls at {@code rate} per second with this call timeout, from the next step
     * on; {@code from} is the calling pod as NetworkPolicies see it (calls from pods alike are
     * routed together).
     */
    void addCalls(long timeout, double rate, NetworkPolicies.Party from) {
        for (int i = 0; i < pending; i++) {
            if (pendingTimeouts[i] == timeout && java.util.Objects.equals(pendingParties[i], from)) {
                pendingRates[i] += rate;
                return;
            }
        }
        if (pending == pendingTimeouts.length) {
            pendingTimeouts = Arrays.copyOf(pendingTimeouts, pending * 2);
            pendingRates = Arrays.copyOf(pendingRates, pending * 2);
            pendingParties = Arrays.copyOf(pendingParties, pending * 2);
        }
        pendingTimeouts[pending] = timeout;
        pendingParties[pending] = from;
        pendingRates[pending++] = rate;
    }

    /** Makes the calls sent during the last step the ones that arrive in this step. */
    void takeCalls() {
        long[] t = callTimeouts;
        double[] r = callRates;
        NetworkPolicies.Party[] p = callParties;
        callTimeouts = pendingTimeouts;
        callRates = pendingRates;
        callParties = pendingParties;
        calls = pending;
        pendingTimeouts = t;
        pendingRates = r;
        pendingParties = p;
        pending = 0;
    }

    int calls() {
        return calls;
    }

    long callTimeout(int i) {
        return callTimeouts[i];
    }

    double callRate(int i) {
        return callRates[i];
    }

    /** The calling pods of call group {@code i}, as NetworkPolicies see them. */
    NetworkPolicies.Party callParty(int i) {
        return callParties[i];
    }

    /** Records a fluid amount of outcomes and counts it toward this step's failure share. */
    void record(long time, RequestCause cause, double amount) {
        if (!(amount > 0)) {
            return;
        }
        stats.recordFluid(time, cause, amount);
        stepTotal += amount;
        if (cause != RequestCause.OK) {
            stepFailed += amount;
        }
    }

    /** Moves requests counted as served to {@code cause}: they were failed while still in flight. */
    void reclassify(long time, RequestCause cause, double amount) {
        if (!(amount > 0)) {
            return;
        }
        stats.reclassifyFluid(time, cause, amount);
        stepFailed += amount;
    }

    /** Records the latency of {@code weight} served requests. */
    void recordLatency(long micros, double weight) {
        stats.recordLatency(micros, weight);
        if (!called) {
            return;
        }
        if (stepSampleCount == stepSamples.length) {
            stepSamples = Arrays.copyOf(stepSamples, stepSampleCount * 2);
            stepWeights = Arrays.copyOf(stepWeights, stepSampleCount * 2);
        }
        stepSamples[stepSampleCount] = micros;
        stepWeights[stepSampleCount++] = weight;
    }

    /**
     * Ends a step: the failure share and the latency sample callers see next come from it (or stay
     * as they were when the Service served nothing in it).
     */
    void endStep(RandomGenerator rng) {
        if (stepTotal > 0) {
            failShare = stepFailed / stepTotal;
        }
        if (stepSampleCount > 0) {
            // Prefix sums of the weights, then a sample of this step's latencies, each value drawn
            // in proportion to its weight.
            for (int i = 1; i < stepSampleCount; i++) {
                stepWeights[i] += stepWeights[i - 1];
            }
            double total = stepWeights[stepSampleCount - 1];
            for (int k = 0; k < RECENT; k++) {
                double u = rng.nextDouble() * total;
                int lo = 0;
                int hi = stepSampleCount - 1;
                while (lo < hi) {
                    int mid = (lo + hi) >>> 1;
                    if (stepWeights[mid] > u) {
                        hi = mid;
                    } else {
                        lo = mid + 1;
                    }
                }
                recent[k] = stepSamples[lo];
            }
            Arrays.sort(recent);
            recentCount = RECENT;
        }
        stepTotal = 0;
        stepFailed = 0;
        stepSampleCount = 0;
    }

    /** The share of requests that failed in the last step that had any. */
    double failShare() {
        return failShare;
    }

    /** A latency drawn from the last served sample; 0 when nothing was served yet. */
    long sampleLatency(RandomGenerator rng) {
        return recentCount == 0 ? 0 : recent[rng.nextInt(recentCount)];
    }

    /** The share of the recent latencies above {@code micros} (the sample is kept sorted). */
    double latencySurvival(double micros) {
        if (recentCount == 0 || recent[recentCount - 1] <= micros) {
            return 0;
        }
        int lo = 0;
        int hi = recentCount;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (recent[mid] <= micros) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return (double) (recentCount - lo) / recentCount;
    }
}
