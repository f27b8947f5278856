package io.kubesim.scenarios.scenario;

import io.kubesim.api.Manifest;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Limits;
import io.kubesim.scenarios.manifest.PodTemplates;
import io.kubesim.sim.DefaultSampleInterval;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Locale;

/**
 * The size checks of a whole scenario ({@link Limits}): its duration, how many points its time
 * series would hold at its sample interval, and how many pods its workloads ask for at once. Each
 * refuses at the field to change, saying the limit and a value that fits.
 */
final class RunLimits {
    /** Intervals suggested when a {@code sampleInterval} is too fine, shortest first. */
    private static final long[] SUGGESTED = {SimTime.millis(1), SimTime.millis(10), SimTime.millis(100),
            SimTime.seconds(1), SimTime.seconds(2), SimTime.seconds(5), SimTime.seconds(10), SimTime.seconds(15),
            SimTime.seconds(30), SimTime.minutes(1), SimTime.minutes(5), SimTime.minutes(15), SimTime.minutes(60)};

    private RunLimits() {
    }

    /** {@code duration}: greater than 0 and at most {@link Limits#MAX_DURATION}. */
    static long duration(ScenarioNode n) {
        long d = n.positiveDuration();
        if (d > Limits.MAX_DURATION) {
            throw n.error("duration " + n.text() + " is longer than kubesim simulates: at most " + Limits.MAX_DURATION_TEXT);
        }
        return d;
    }

    /**
     * An explicit {@code sampleInterval}: each series holds at most {@link Limits#MAX_SAMPLES_PER_SERIES}
     * samples over the duration, and all of them together at most {@link Limits#MAX_SERIES_POINTS}.
     */
    static void sampling(ScenarioNode n, long interval, long duration, List<NodePool> pools, List<Manifest> manifests) {
        long series = DefaultSampleInterval.series(pools, manifests);
        if (Limits.seriesFit(duration, interval, series)) {
            return;
        }
        long samples = duration / interval + 1;
        String suggestion = "";
        for (long s : SUGGESTED) {
            if (s > interval && Limits.seriesFit(duration, s, series)) {
                suggestion = "; " + SimTime.format(s) + " fits";
                break;
            }
        }
        throw n.error("sampleInterval " + n.text() + " over " + SimTime.format(duration) + " is "
                + count(samples) + " samples for each of about " + count(series) + " time series; kubesim keeps at most "
                + count(Limits.MAX_SAMPLES_PER_SERIES) + " a series and " + count(Limits.MAX_SERIES_POINTS)
                + " in all: set a longer sampleInterval (or leave it out for the default)" + suggestion);
    }

    /**
     * The pods the workloads ask for at once ({@link PodTemplates}: replicas, a Job's or a CronJob's
     * parallelism, and a DaemonSet's pod on every starting node), at most {@link Limits#MAX_PODS};
     * refused at {@code manifests}, naming the largest workload.
     */
    static void pods(ScenarioNode manifestsNode, List<Manifest> manifests, List<NodePool> pools) {
        long nodes = 0;
        for (NodePool p : pools) {
            nodes += p.count();
        }
        long total = 0;
        PodTemplates.Template largest = null;
        long most = -1;
        for (PodTemplates.Template t : PodTemplates.of(manifests)) {
            long pods = t.kind().equals("DaemonSet") ? nodes : t.replicas();
            total += pods;
            if (pods > most) {
                most = pods;
                largest = t;
            }
        }
        if (total > Limits.MAX_PODS) {
            throw manifestsNode.error("the workloads ask for " + count(total) + " pods at once; kubesim simulates at most "
                    + count(Limits.MAX_PODS) + " (Kubernetes supports 150,000): the most come from " + largest.kind()
                    + " " + largest.name() + " (" + count(most) + ", " + largest.origin().file() + ":"
                    + largest.origin().line() + "); lower its replicas");
        }
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }
}
