package io.kubesim.scheduler.framework;

import io.kubesim.api.Container;
import io.kubesim.api.ContainerPort;
import io.kubesim.api.PodAffinityTerm;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import io.kubesim.cluster.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What the scheduler needs of a pod, computed once: the Fit request, the non-zero request used
 * for scoring, host ports, (anti-)affinity terms and normalized image names. Shared by the
 * queue, the cache's {@link NodeInfo}s and every plugin, so the per-node path never recomputes.
 */
public final class PodInfo {
    /** upstream schedutil.DefaultMilliCPURequest: a container without a cpu request counts as 100m for scoring. */
    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    /** upstream schedutil.DefaultMemoryRequest: 200 MiB for a container without a memory request. */
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    private final Pod pod;
    private final long cpu;
    private final long memory;
    private final long ephemeral;
    private final Map<String, Long> extended;
    private final boolean hasExtended;
    private final long nonZeroCpu;
    private final long nonZeroMemory;
    private final List<ContainerPort> hostPorts;
    private final List<String> images;
    /**
     * The pod's priority and whether it has pod (anti-)affinity terms, read once: both are
     * immutable once the pod is created, and preemption reads them for every pod of every node
     * it considers.
     */
    private final int priority;
    private final boolean hasAffinity;
    private final boolean hasRequiredAntiAffinity;

    private PodInfo(Pod pod) {
        this.pod = pod;
        priority = pod.priority();
        hasAffinity = pod.spec().affinity().hasPodAffinityRules();
        hasRequiredAntiAffinity = !requiredAntiAffinityTerms().isEmpty();
        Resources r = pod.requests();
        cpu = r.cpuMillis();
        memory = r.memoryBytes();
        ephemeral = r.ephemeralStorageBytes();
        extended = r.extended();
        hasExtended = !extended.isEmpty();
        Resources nz = nonZeroRequests(pod.spec());
        nonZeroCpu = nz.cpuMillis();
        nonZeroMemory = nz.memoryBytes();
        List<ContainerPort> ports = new ArrayList<>(0);
        boolean hostNetwork = pod.spec().hostNetwork();
        for (Container c : pod.spec().containers()) {
            for (ContainerPort p : c.ports()) {
                if (p.hostPort() > 0) {
                    ports.add(p);
                } else if (hostNetwork) {
                    // API defaulting: with hostNetwork a port's hostPort defaults to its containerPort.
                    ports.add(new ContainerPort(p.name(), p.containerPort(), p.containerPort(), p.protocol(), p.hostIP()));
                }
            }
        }
        hostPorts = List.copyOf(ports);
        List<String> imgs = new ArrayList<>();
        for (Container c : pod.spec().initContainers()) {
            imgs.add(normalizedImageName(c.image()));
        }
        for (Container c : pod.spec().containers()) {
            imgs.add(normalizedImageName(c.image()));
        }
        images = List.copyOf(imgs);
    }

    public static PodInfo of(Pod pod) {
        return new PodInfo(pod);
    }

    /**
     * The request for scoring (upstream resourcehelper.PodRequests with NonMissingContainerRequests):
     * each container without a cpu request counts 100m and without a memory request 200 MiB; an
     * explicit 0 stays 0. Aggregated like the Fit request (sidecars summed, init peaks, overhead).
     */
    public static Resources nonZeroRequests(PodSpec spec) {
        Resources sum = Resources.NONE;
        for (Container c : spec.containers()) {
            sum = sum.plus(withDefaults(c.requests()));
        }
        Resources sidecars = Resources.NONE;
        Resources initPeak = Resources.NONE;
        for (Container c : spec.initContainers()) {
            Resources req = withDefaults(c.requests());
            if (c.restartableInit()) {
                sidecars = sidecars.plus(req);
                sum = sum.plus(req);
            } else {
                initPeak = initPeak.max(sidecars.plus(req));
            }
        }
        return sum.max(initPeak).plus(spec.overhead());
    }

    private static Resources withDefaults(Resources r) {
        return Resources.builder()
                .cpuMillis(r.has(Resources.CPU) ? r.cpuMillis() : DEFAULT_MILLI_CPU_REQUEST)
                .memoryBytes(r.has(Resources.MEMORY) ? r.memoryBytes() : DEFAULT_MEMORY_REQUEST)
                .build();
    }

    /** upstream imagelocality normalizedImageName: an image without a tag or digest gets {@code :latest}. */
    public static String normalizedImageName(String image) {
        if (image == null) {
            return "";
        }
        if (image.indexOf('@') < 0 && image.lastIndexOf(':') <= image.lastIndexOf('/')) {
            return image + ":latest";
        }
        return image;
    }

    public Pod pod() {
        return pod;
    }

    public long cpu() {
        return cpu;
    }

    public long memory() {
        return memory;
    }

    public long ephemeralStorage() {
        return ephemeral;
    }

    /** Whether the pod requests any extended resource (checked on every Filter call). */
    public boolean hasExtended() {
        return hasExtended;
    }

    /** Extended resources by name, sorted. */
    public Map<String, Long> extended() {
        return extended;
    }

    public long nonZeroCpu() {
        return nonZeroCpu;
    }

    public long nonZeroMemory() {
        return nonZeroMemory;
    }

    /** Container ports with a hostPort, as NodePorts checks them. */
    public List<ContainerPort> hostPorts() {
        return hostPorts;
    }

    /** Images of init and app containers, normalized. */
    public List<String> images() {
        return images;
    }

    public int priority() {
        return priority;
    }

    public List<PodAffinityTerm> requiredAffinityTerms() {
        return pod.spec().affinity().podAffinity().required();
    }

    public List<PodAffinityTerm> requiredAntiAffinityTerms() {
        return pod.spec().affinity().podAntiAffinity().required();
    }

    public List<PodAffinityTerm.Weighted> preferredAffinityTerms() {
        return pod.spec().affinity().podAffinity().preferred();
    }

    public List<PodAffinityTerm.Weighted> preferredAntiAffinityTerms() {
        return pod.spec().affinity().podAntiAffinity().preferred();
    }

    /** Any pod (anti-)affinity term, required or preferred (upstream NodeInfo.PodsWithAffinity). */
    public boolean hasAffinity() {
        return hasAffinity;
    }

    public boolean hasRequiredAntiAffinity() {
        return hasRequiredAntiAffinity;
    }

    @Override
    public String toString() {
        return pod.metadata().key();
    }
}
