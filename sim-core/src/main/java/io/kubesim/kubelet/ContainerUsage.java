package io.kubesim.kubelet;

import io.kubesim.api.Container;
import io.kubesim.api.Resources;
import io.kubesim.app.ResourceUsage;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.SimTime;

/**
 * The CPU and memory one running container uses, as cAdvisor would report it: the workload's
 * {@link ResourceUsage} (baseline, growth since the container started, bursts) plus, for the
 * container that serves requests, what its requests cost over the last housekeeping window.
 * Also holds what the node's CPU allocation left it and the service-time slowdown that follows.
 */
final class ContainerUsage {
    /** cpu.shares of a container without a CPU request (the kernel's minimum, 2). */
    static final double MIN_SHARES = 0.002;

    private final ResourceUsage model;
    private final ServingModel serving;
    final double cpuRequest;
    final double cpuLimit;
    final long memoryRequest;
    final long memoryLimit;
    private double lastCpuTotal;
    private double lastOfferedTotal;
    private boolean seenLoad;
    /** The housekeeping pass that last reported load for it. */
    private long loadPass = -1;
    /** CPU cores requests used over the last window. */
    double requestCpu;
    /** CPU cores the requests routed to the pod over the last window would have needed. */
    double offeredCpu;
    /** Bytes the requests the pod holds take. */
    double requestMemory;
    /** CPU cores wanted now, baseline and bursts included. */
    double cpuDemand;
    /** CPU cores the node's allocation gives it now. */
    double cpuAllocated;
    /** Service-time multiplier from CPU throttling or contention, 1 when none. */
    double slowdown = 1.0;

    /**
     * @param serving the serving model when this container serves the pod's requests, else null
     */
    ContainerUsage(Container spec, ResourceUsage model, ServingModel serving) {
        this.model = model;
        this.serving = serving;
        Resources req = spec.requests();
        Resources lim = spec.limits();
        this.cpuRequest = req.cpuMillis() / 1000.0;
        this.cpuLimit = lim.has(Resources.CPU) && lim.cpuMillis() > 0 ? lim.cpuMillis() / 1000.0
                : Double.POSITIVE_INFINITY;
        this.memoryRequest = req.memoryBytes();
        this.memoryLimit = lim.has(Resources.MEMORY) && lim.memoryBytes() > 0 ? lim.memoryBytes() : Long.MAX_VALUE;
    }

    /**
     * The container restarted: growth starts over, what its requests held is gone, and the new
     * process starts unthrottled (the traffic model resets its slowdown when the old one ends).
     */
    void restarted() {
        requestMemory = 0;
        slowdown = 1.0;
    }

    /**
     * Takes the request load the traffic model saw, cumulative since the pod started serving.
     *
     * @param window the time since the previous observation
     */
    void observeLoad(double cpuMicrosTotal, double offeredTotal, double heldMemory, long window, long pass) {
        loadPass = pass;
        if (seenLoad && window > 0) {
            requestCpu = Math.max(0, cpuMicrosTotal - lastCpuTotal) / window;
            double offered = Math.max(0, offeredTotal - lastOfferedTotal);
            offeredCpu = serving == null ? 0 : offered * serving.cpuPerRequest() / window;
        }
        seenLoad = true;
        lastCpuTotal = cpuMicrosTotal;
        lastOfferedTotal = offeredTotal;
        requestMemory = heldMemory;
    }

    /** Forgets the request load unless it was reported in this pass (the pod no longer serves). */
    void settleLoad(long pass) {
        if (loadPass != pass) {
            requestCpu = 0;
            offeredCpu = 0;
            requestMemory = 0;
        }
    }

    /** Whether it carries request load from a pass (which the next pass forgets unless reported again). */
    boolean hasLoad() {
        return requestCpu != 0 || offeredCpu != 0 || requestMemory != 0;
    }

    /** Working-set bytes at {@code now} of a container running since {@code startedAt}. */
    double memoryAt(long now, long startedAt) {
        return model.memoryAt(now, startedAt, memoryRequest) + requestMemory;
    }

    /** Bytes per microsecond the working set grows by itself. */
    double growthPerMicro() {
        return model.memoryGrowthPerSecond() / SimTime.MICROS_PER_SECOND;
    }

    ResourceUsage model() {
        return model;
    }

    /** CPU cores wanted at {@code now}: baseline and bursts plus what the offered requests need. */
    double cpuDemandAt(long now) {
        return model.cpuAt(now) + Math.max(offeredCpu, requestCpu);
    }

    /** Cores it actually uses: what it wants, at most what it was given. */
    double cpuUsed() {
        return Math.min(cpuDemand, cpuAllocated);
    }

    /** The kernel's cpu.shares weight, in cores. */
    double shares() {
        return Math.max(cpuRequest, MIN_SHARES);
    }

    /**
     * The share of a request's service time that is CPU work ({@code cpuPerRequest / mean service
     * time}, at most 1); 0 when requests cost no CPU, so throttling cannot slow them.
     */
    double cpuShareOfService() {
        if (serving == null || serving.cpuPerRequest() <= 0) {
            return 0;
        }
        double mean = serving.serviceTime().mean();
        return mean <= 0 ? 1 : Math.min(1.0, serving.cpuPerRequest() / mean);
    }
}
