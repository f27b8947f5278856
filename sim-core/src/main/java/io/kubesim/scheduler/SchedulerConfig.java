package io.kubesim.scheduler;

import io.kubesim.api.Collections2;
import io.kubesim.engine.SimTime;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.plugins.ImageLocality;
import io.kubesim.scheduler.plugins.InterPodAffinity;
import io.kubesim.scheduler.plugins.NodeAffinity;
import io.kubesim.scheduler.plugins.NodeResourcesBalancedAllocation;
import io.kubesim.scheduler.plugins.NodeResourcesFit;
import io.kubesim.scheduler.plugins.PodTopologySpread;
import io.kubesim.scheduler.plugins.TaintToleration;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kube-scheduler configuration kubesim models, with upstream defaults
 * (k8s-semantics.md 3.1 and 3.2; pkg/scheduler/apis/config/v1/defaults.go). Durations are virtual
 * microseconds.
 *
 * @param schedulerName                 pods with this {@code spec.schedulerName} are ours
 * @param podInitialBackoff             1 s
 * @param podMaxBackoff                 10 s
 * @param backoffFlushInterval          how often backoffQ is flushed: 1 s
 * @param unschedulableFlushInterval    how often the unschedulable pool is checked: 30 s
 * @param podMaxInUnschedulablePods     leftover time after which a pod is retried anyway: 5 min
 * @param percentageOfNodesToScore      0 = adaptive ({@code max(50 - N/125, 5)} percent)
 * @param scoreWeights                  score plugin name to weight (default profile weights)
 * @param leastAllocatedCpuWeight       NodeResourcesFit LeastAllocated cpu weight, 1
 * @param leastAllocatedMemoryWeight    and memory weight, 1
 * @param hardPodAffinityWeight         InterPodAffinity, 1
 * @param systemDefaultSpreading        PodTopologySpread defaultingType System
 * @param minCandidateNodesPercentage   DefaultPreemption, 10
 * @param minCandidateNodesAbsolute     DefaultPreemption, 100
 * @param bindLatency                   time from a placement to the bind write; kubesim default 0
 *                                      (the API round trip is not modelled)
 * @param cycleDuration                 virtual time one scheduling cycle takes; default 0
 * @param watchLatency                  latency of the scheduler's pod and node watches; default 0
 * @param imageSizes                    image (normalized, {@code :latest} added) to bytes for
 *                                      ImageLocality; images not listed count 0
 * @param decisionLogCapacity           decisions retained for {@code explain}: -1 all, 0 none, n the last n
 *                                      (default 1,000). A decision holds every scored node's
 *                                      per-plugin scores, roughly 0.4 KB per node: at 1,000 nodes
 *                                      (420 scored) about 170 KB, so large runs should lower it
 */
public record SchedulerConfig(String schedulerName, long podInitialBackoff, long podMaxBackoff,
                              long backoffFlushInterval, long unschedulableFlushInterval,
                              long podMaxInUnschedulablePods, int percentageOfNodesToScore,
                              Map<String, Integer> scoreWeights, long leastAllocatedCpuWeight,
                              long leastAllocatedMemoryWeight, long hardPodAffinityWeight,
                              boolean systemDefaultSpreading, int minCandidateNodesPercentage,
                              int minCandidateNodesAbsolute, long bindLatency, long cycleDuration,
                              long watchLatency, Map<String, Long> imageSizes, int decisionLogCapacity) {
    public static final String DEFAULT_SCHEDULER_NAME = "default-scheduler";
    /** Default profile score weights (k8s-semantics.md 3.1). */
    public static final Map<String, Integer> DEFAULT_SCORE_WEIGHTS = Collections2.sortedCopy(Map.of(
            TaintToleration.NAME, 3,
            NodeAffinity.NAME, 2,
            NodeResourcesFit.NAME, 1,
            PodTopologySpread.NAME, 2,
            InterPodAffinity.NAME, 2,
            NodeResourcesBalancedAllocation.NAME, 1,
            ImageLocality.NAME, 1));

    public static final SchedulerConfig DEFAULTS = new SchedulerConfig(DEFAULT_SCHEDULER_NAME,
            SimTime.seconds(1), SimTime.seconds(10), SimTime.seconds(1), SimTime.seconds(30), SimTime.minutes(5),
            0, DEFAULT_SCORE_WEIGHTS, 1, 1, 1, true, 10, 100, 0, 0, 0, Map.of(), 1_000);

    public SchedulerConfig {
        scoreWeights = Collections2.sortedCopy(scoreWeights);
        Map<String, Long> sizes = new TreeMap<>();
        imageSizes.forEach((k, v) -> sizes.put(PodInfo.normalizedImageName(k), v));
        imageSizes = Collections2.sortedCopy(sizes);
    }

    public SchedulerConfig withPercentageOfNodesToScore(int pct) {
        return toBuilder().percentageOfNodesToScore(pct).build();
    }

    public SchedulerConfig withBindLatency(long micros) {
        return toBuilder().bindLatency(micros).build();
    }

    public SchedulerConfig withImageSizes(Map<String, Long> sizes) {
        return toBuilder().imageSizes(sizes).build();
    }

    public SchedulerConfig withDecisionLogCapacity(int capacity) {
        return toBuilder().decisionLogCapacity(capacity).build();
    }

    public SchedulerConfig withScoreWeights(Map<String, Integer> weights) {
        return toBuilder().scoreWeights(weights).build();
    }

    /** A builder starting from this configuration. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Changes some settings of a configuration; every setter is named after its component. */
    public static final class Builder {
        private String schedulerName;
        private long podInitialBackoff;
        private long podMaxBackoff;
        private long backoffFlushInterval;
        private long unschedulableFlushInterval;
        private long podMaxInUnschedulablePods;
        private int percentageOfNodesToScore;
        private Map<String, Integer> scoreWeights;
        private long leastAllocatedCpuWeight;
        private long leastAllocatedMemoryWeight;
        private long hardPodAffinityWeight;
        private boolean systemDefaultSpreading;
        private int minCandidateNodesPercentage;
        private int minCandidateNodesAbsolute;
        private long bindLatency;
        private long cycleDuration;
        private long watchLatency;
        private Map<String, Long> imageSizes;
        private int decisionLogCapacity;

        private Builder(SchedulerConfig c) {
            schedulerName = c.schedulerName;
            podInitialBackoff = c.podInitialBackoff;
            podMaxBackoff = c.podMaxBackoff;
            backoffFlushInterval = c.backoffFlushInterval;
            unschedulableFlushInterval = c.unschedulableFlushInterval;
            podMaxInUnschedulablePods = c.podMaxInUnschedulablePods;
            percentageOfNodesToScore = c.percentageOfNodesToScore;
            scoreWeights = c.scoreWeights;
            leastAllocatedCpuWeight = c.leastAllocatedCpuWeight;
            leastAllocatedMemoryWeight = c.leastAllocatedMemoryWeight;
            hardPodAffinityWeight = c.hardPodAffinityWeight;
            systemDefaultSpreading = c.systemDefaultSpreading;
            minCandidateNodesPercentage = c.minCandidateNodesPercentage;
            minCandidateNodesAbsolute = c.minCandidateNodesAbsolute;
            bindLatency = c.bindLatency;
            cycleDuration = c.cycleDuration;
            watchLatency = c.watchLatency;
            imageSizes = c.imageSizes;
            decisionLogCapacity = c.decisionLogCapacity;
        }

        public Builder schedulerName(String v) {
            schedulerName = v;
            return this;
        }

        public Builder podInitialBackoff(long v) {
            podInitialBackoff = v;
            return this;
        }

        public Builder podMaxBackoff(long v) {
            podMaxBackoff = v;
            return this;
        }

        public Builder backoffFlushInterval(long v) {
            backoffFlushInterval = v;
            return this;
        }

        public Builder unschedulableFlushInterval(long v) {
            unschedulableFlushInterval = v;
            return this;
        }

        public Builder podMaxInUnschedulablePods(long v) {
            podMaxInUnschedulablePods = v;
            return this;
        }

        public Builder percentageOfNodesToScore(int v) {
            percentageOfNodesToScore = v;
            return this;
        }

        public Builder scoreWeights(Map<String, Integer> v) {
            scoreWeights = v;
            return this;
        }

        public Builder leastAllocatedCpuWeight(long v) {
            leastAllocatedCpuWeight = v;
            return this;
        }

        public Builder leastAllocatedMemoryWeight(long v) {
            leastAllocatedMemoryWeight = v;
            return this;
        }

        public Builder hardPodAffinityWeight(long v) {
            hardPodAffinityWeight = v;
            return this;
        }

        public Builder systemDefaultSpreading(boolean v) {
            systemDefaultSpreading = v;
            return this;
        }

        public Builder minCandidateNodesPercentage(int v) {
            minCandidateNodesPercentage = v;
            return this;
        }

        public Builder minCandidateNodesAbsolute(int v) {
            minCandidateNodesAbsolute = v;
            return this;
        }

        public Builder bindLatency(long v) {
            bindLatency = v;
            return this;
        }

        public Builder cycleDuration(long v) {
            cycleDuration = v;
            return this;
        }

        public Builder watchLatency(long v) {
            watchLatency = v;
            return this;
        }

        public Builder imageSizes(Map<String, Long> v) {
            imageSizes = v;
            return this;
        }

        public Builder decisionLogCapacity(int v) {
            decisionLogCapacity = v;
            return this;
        }

        public SchedulerConfig build() {
            return new SchedulerConfig(schedulerName, podInitialBackoff, podMaxBackoff, backoffFlushInterval,
                    unschedulableFlushInterval, podMaxInUnschedulablePods, percentageOfNodesToScore, scoreWeights,
                    leastAllocatedCpuWeight, leastAllocatedMemoryWeight, hardPodAffinityWeight, systemDefaultSpreading,
                    minCandidateNodesPercentage, minCandidateNodesAbsolute, bindLatency, cycleDuration, watchLatency,
                    imageSizes, decisionLogCapacity);
        }
    }

    /** The weight of a score plugin; 0 disables its scoring. */
    public int weight(String plugin) {
        return scoreWeights.getOrDefault(plugin, 0);
    }
}
