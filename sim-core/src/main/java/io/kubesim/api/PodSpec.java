package io.kubesim.api;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The parts of a pod spec the simulator acts on. Lists and maps are immutable and, for maps,
 * key-sorted, so two equal templates print and hash identically.
 *
 * @param priority                      resolved priority; null until admission sets it
 * @param preemptNever                  {@code preemptionPolicy: Never}
 * @param terminationGracePeriodSeconds defaulted to 30 when read
 * @param nodeName                      set for a pod pinned to a node in its manifest
 * @param restartPolicy                 Always, OnFailure or Never
 * @param hostNetwork                   host networking (ports are host ports)
 * @param readinessGates                the {@code conditionType} of each {@code spec.readinessGates} entry
 *                                      (k8s-semantics.md 16.6), in manifest order
 * @param volumes                       the volumes backed by PersistentVolumeClaims (k8s-semantics.md 14), in
 *                                      manifest order; other volume types are not kept
 */
public record PodSpec(List<Container> containers, List<Container> initContainers,
                      Map<String, String> nodeSelector, Affinity affinity, List<Toleration> tolerations,
                      List<TopologySpreadConstraint> topologySpreadConstraints, String priorityClassName,
                      Integer priority, boolean preemptNever, long terminationGracePeriodSeconds,
                      String nodeName, String schedulerName, String restartPolicy, Resources overhead,
                      boolean hostNetwork, List<String> readinessGates, List<PodVolume> volumes) {
    public static final long DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS = 30;

    /** A spec without readiness gates. */
    public PodSpec(List<Container> containers, List<Container> initContainers,
                   Map<String, String> nodeSelector, Affinity affinity, List<Toleration> tolerations,
                   List<TopologySpreadConstraint> topologySpreadConstraints, String priorityClassName,
                   Integer priority, boolean preemptNever, long terminationGracePeriodSeconds,
                   String nodeName, String schedulerName, String restartPolicy, Resources overhead,
                   boolean hostNetwork) {
        this(containers, initContainers, nodeSelector, affinity, tolerations, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, List.of(), List.of());
    }

    /** A spec without claim-backed volumes. */
    public PodSpec(List<Container> containers, List<Container> initContainers,
                   Map<String, String> nodeSelector, Affinity affinity, List<Toleration> tolerations,
                   List<TopologySpreadConstraint> topologySpreadConstraints, String priorityClassName,
                   Integer priority, boolean preemptNever, long terminationGracePeriodSeconds,
                   String nodeName, String schedulerName, String restartPolicy, Resources overhead,
                   boolean hostNetwork, List<String> readinessGates) {
        this(containers, initContainers, nodeSelector, affinity, tolerations, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, readinessGates, List.of());
    }

    public PodSpec {
        containers = List.copyOf(containers);
        initContainers = List.copyOf(initContainers);
        nodeSelector = Collections2.sortedCopy(nodeSelector);
        affinity = affinity == null ? Affinity.NONE : affinity;
        tolerations = List.copyOf(tolerations);
        topologySpreadConstraints = List.copyOf(topologySpreadConstraints);
        priorityClassName = priorityClassName == null ? "" : priorityClassName;
        nodeName = nodeName == null ? "" : nodeName;
        schedulerName = schedulerName == null || schedulerName.isEmpty() ? "default-scheduler" : schedulerName;
        restartPolicy = restartPolicy == null || restartPolicy.isEmpty() ? "Always" : restartPolicy;
        overhead = overhead == null ? Resources.NONE : overhead;
        readinessGates = readinessGates == null ? List.of() : List.copyOf(readinessGates);
        volumes = volumes == null ? List.of() : List.copyOf(volumes);
    }

    /**
     * The record's print, without {@code readinessGates} or {@code volumes} when there are none: the Deployment
     * controller's pod-template-hash is computed over it, so the ReplicaSet names of templates
     * written before the field existed do not change.
     */
    @Override
    public String toString() {
        return "PodSpec[containers=" + containers + ", initContainers=" + initContainers + ", nodeSelector="
                + nodeSelector + ", affinity=" + affinity + ", tolerations=" + tolerations
                + ", topologySpreadConstraints=" + topologySpreadConstraints + ", priorityClassName="
                + priorityClassName + ", priority=" + priority + ", preemptNever=" + preemptNever
                + ", terminationGracePeriodSeconds=" + terminationGracePeriodSeconds + ", nodeName=" + nodeName
                + ", schedulerName=" + schedulerName + ", restartPolicy=" + restartPolicy + ", overhead=" + overhead
                + ", hostNetwork=" + hostNetwork + (readinessGates.isEmpty() ? "" : ", readinessGates=" + readinessGates)
                + (volumes.isEmpty() ? "" : ", volumes=" + volumes) + "]";
    }

    /** A spec with the given containers and every other field at its default. */
    public static PodSpec of(List<Container> containers) {
        return new PodSpec(containers, List.of(), Map.of(), Affinity.NONE, List.of(), List.of(), "", null,
                false, DEFAULT_TERMINATION_GRACE_PERIOD_SECONDS, "", "", "Always", Resources.NONE, false);
    }

    public PodSpec withPriority(int p, boolean never) {
        return new PodSpec(containers, initContainers, nodeSelector, affinity, tolerations,
                topologySpreadConstraints, priorityClassName, p, never, terminationGracePeriodSeconds,
                nodeName, schedulerName, restartPolicy, overhead, hostNetwork, readinessGates, volumes);
    }

    public PodSpec withVolumes(List<PodVolume> v) {
        return new PodSpec(containers, initContainers, nodeSelector, affinity, tolerations,
                topologySpreadConstraints, priorityClassName, priority, preemptNever, terminationGracePeriodSeconds,
                nodeName, schedulerName, restartPolicy, overhead, hostNetwork, readinessGates, v);
    }

    /**
     * The spec with the volume {@code volumeName} backed by {@code claimName}, replacing a volume
     * of that name or added at the end: what a StatefulSet does with each volumeClaimTemplate
     * (k8s-semantics.md 11: the template's name replaces a same-named volume of the pod template).
     */
    public PodSpec withClaimVolume(String volumeName, String claimName) {
        java.util.List<PodVolume> v = new java.util.ArrayList<>();
        for (PodVolume existing : volumes) {
            if (!existing.name().equals(volumeName)) {
                v.add(existing);
            }
        }
        v.add(new PodVolume(volumeName, claimName, false));
        return withVolumes(v);
    }

    /** Whether the pod uses a PersistentVolumeClaim (the volume plugins and controllers skip it otherwise). */
    public boolean hasClaims() {
        return !volumes.isEmpty();
    }

    public PodSpec withTolerations(List<Toleration> t) {
        return new PodSpec(containers, initContainers, nodeSelector, affinity, t, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, readinessGates, volumes);
    }

    /**
     * The same spec with another affinity (the DaemonSet controller pins its pods to a node this
     * way, k8s-semantics.md 12.4). A component appended to this record must be carried here too.
     */
    public PodSpec withAffinity(Affinity a) {
        return new PodSpec(containers, initContainers, nodeSelector, a, tolerations, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, readinessGates, volumes);
    }

    public PodSpec withContainers(List<Container> c) {
        return new PodSpec(c, initContainers, nodeSelector, affinity, tolerations, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, readinessGates, volumes);
    }

    public PodSpec withInitContainers(List<Container> c) {
        return new PodSpec(containers, c, nodeSelector, affinity, tolerations, topologySpreadConstraints,
                priorityClassName, priority, preemptNever, terminationGracePeriodSeconds, nodeName, schedulerName,
                restartPolicy, overhead, hostNetwork, readinessGates, volumes);
    }

    /**
     * The pod's effective request as the scheduler's Fit filter sees it (k8s-semantics.md 3.4):
     * the sum over app containers and sidecars, the max with each plain init container's peak,
     * plus pod overhead. Unset requests count as zero.
     */
    public Resources effectiveRequests() {
        Resources sum = Resources.NONE;
        for (Container c : containers) {
            sum = sum.plus(c.requests());
        }
        Resources sidecars = Resources.NONE;
        Resources initPeak = Resources.NONE;
        for (Container c : initContainers) {
            if (c.restartableInit()) {
                sidecars = sidecars.plus(c.requests());
                sum = sum.plus(c.requests());
            } else {
                initPeak = initPeak.max(sidecars.plus(c.requests()));
            }
        }
        return sum.max(initPeak).plus(overhead);
    }
}
