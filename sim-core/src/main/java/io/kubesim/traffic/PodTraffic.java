package io.kubesim.traffic;

import java.util.Arrays;

/**
 * One pod's traffic over the run ({@link PodTally}): requests whose outcome was recorded against
 * it, those that failed, and the CPU time its requests used; in total and, when the tally records
 * intervals, per sample interval. Fluid mode's amounts are expected values, so they may have
 * fractions.
 */
public final class PodTraffic {
    static final int REQUESTS = 0;
    static final int FAILED = 1;
    static final int CPU = 2;

    private final String key;
    private final String podName;
    private final String name;
    private String workload;
    /** The version the pod ran: its ReplicaSet, or its revision hash; null when unknown. */
    private String version;
    /** Its first container's image; null when unknown. */
    private String image;
    private final double[] totals = new double[3];
    /** Per interval from {@link #firstInterval}, one array per figure; null until recorded. */
    private double[][] perInterval;
    private int first = -1;
    private int last = -1;

    PodTraffic(String key, String podName, String name, String workload) {
        this.key = key;
        this.podName = podName;
        this.name = name;
        this.workload = workload;
    }

    /** {@code namespace/name}. */
    public String key() {
        return key;
    }

    /** {@code metadata.name}. */
    public String podName() {
        return podName;
    }

    /** The name used in outputs: {@code name}, or {@code ns/name} when several namespaces are used. */
    public String name() {
        return name;
    }

    /** The workload's {@code kind/name} as summary.json keys it; null for a pod of no workload. */
    public String workload() {
        return workload;
    }

    String workloadOrEmpty() {
        return workload == null ? "" : workload;
    }

    void setWorkload(String workload) {
        this.workload = workload;
    }

    /**
     * The version of its workload the pod ran: its ReplicaSet's name (a Deployment's revision), or
     * for a StatefulSet's or DaemonSet's pod its {@code controller-revision-hash}; null when the pod
     * was gone before it was seen.
     */
    public String version() {
        return version;
    }

    /** The image of the pod's first container; null when unknown. */
    public String image() {
        return image;
    }

    void setVersion(String version, String image) {
        this.version = version;
        this.image = image;
    }

    /** Where this pod's requests and failures also count for its version's series; null when none. */
    private PodTally.VersionCounts versionCounts;

    void countVersionIn(PodTally.VersionCounts counts) {
        this.versionCounts = counts;
    }

    boolean countsVersion() {
        return versionCounts != null;
    }

    public double requests() {
        return totals[REQUESTS];
    }

    public double failed() {
        return totals[FAILED];
    }

    /** CPU time its requests used, in microseconds of one core. */
    public double cpuMicros() {
        return totals[CPU];
    }

    /** The first interval with any figure, -1 when intervals are not recorded or it had none. */
    public int firstInterval() {
        return first;
    }

    /** The last interval with any figure, -1 when intervals are not recorded or it had none. */
    public int lastInterval() {
        return last;
    }

    public double requests(int interval) {
        return at(REQUESTS, interval);
    }

    public double failed(int interval) {
        return at(FAILED, interval);
    }

    /** CPU time its requests used in the interval, microseconds of one core. */
    public double cpuMicros(int interval) {
        return at(CPU, interval);
    }

    void add(int figure, int interval, double amount, boolean keepInterval) {
        totals[figure] += amount;
        if (figure != CPU && versionCounts != null) {
            versionCounts.add(figure, interval, amount);
        }
        if (keepInterval) {
            grow(interval);
            perInterval[figure][interval - first] += amount;
        }
    }

    private double at(int figure, int interval) {
        return perInterval == null || interval < first || interval > last ? 0 : perInterval[figure][interval - first];
    }

    /** Makes room for {@code interval}; an outcome may land before the first interval seen (a late timeout). */
    private void grow(int interval) {
        if (perInterval == null) {
            perInterval = new double[3][8];
            first = interval;
            last = interval;
            return;
        }
        if (interval < first) {
            int shift = first - interval;
            for (int f = 0; f < 3; f++) {
                double[] moved = new double[perInterval[f].length + shift];
                System.arraycopy(perInterval[f], 0, moved, shift, last - first + 1);
                perInterval[f] = moved;
            }
            first = interval;
        }
        if (interval - first >= perInterval[0].length) {
            int size = Math.max(interval - first + 1, perInterval[0].length * 2);
            for (int f = 0; f < 3; f++) {
                perInterval[f] = Arrays.copyOf(perInterval[f], size);
            }
        }
        last = Math.max(last, interval);
    }
}
