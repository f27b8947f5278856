package io.kubesim.controllers.hpa;

import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Pod;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * metrics-server: every {@code --metric-resolution} it scrapes each kubelet's resource metrics and
 * keeps the latest point per pod; the HPA reads that, not the truth, so it sees usage up to one
 * resolution late. CPU is a rate between two scrapes, so a pod has no sample until it was seen
 * running by two consecutive scrapes; each sample carries its timestamp and window (the
 * resolution), which the CPU readiness rule of k8s-semantics.md 1.2 compares against the pod's
 * Ready transition.
 *
 * <p>Upstream keeps a point for every pod of every node. Only the HPAs read them, each for the pods
 * its target's selector matches, so this one scrapes only the pods some HPA may read
 * ({@link #readBy}): the same points for those, none for the rest. Pod labels do not change after
 * creation, so a pod an HPA reads was in scope at every scrape of its life, unless the HPA's
 * target changed its selector meanwhile (immutable for the built-in kinds).
 */
public final class MetricsServer {
    private static final int CPU = 0;
    private static final int MEMORY = 1;
    private static final int PASS = 2;
    private static final int FIRST_PASS = 3;

    private final ClusterStore store;
    private final PodUsageSource kubelets;
    private final long resolution;
    /**
     * Per pod: cpu, memory, pass, first pass. Keyed by the stored object, which a pod keeps for its
     * whole life (its uid with it), so a scrape's look-up needs neither the uid nor its hash.
     */
    private final Map<Pod, long[]> points = new IdentityHashMap<>();
    /** The same per {@code uid/container}, for container metrics. */
    private final Map<String, long[]> containerPoints = new HashMap<>();
    private final Set<String> containers = new LinkedHashSet<>();
    private long pass;
    private long lastScrape = -1;
    /** The pods some HPA may read at a scrape; every pod of the store until {@link #readBy}. */
    private Supplier<? extends Iterable<Pod>> readable;

    public MetricsServer(ClusterStore store, PodUsageSource kubelets, long resolution) {
        this.store = store;
        this.kubelets = kubelets;
        this.resolution = resolution;
        this.readable = () -> store.pods().list();
    }

    /**
     * Scrape only {@code pods} (evaluated at each scrape): a superset of the pods whose samples
     * will be asked for before the next two scrapes.
     */
    public void readBy(Supplier<? extends Iterable<Pod>> pods) {
        this.readable = pods;
    }

    /** Also keep per-container points for a ContainerResource metric on {@code container}. */
    public void watchContainer(String container) {
        containers.add(container);
    }

    public void start() {
        store.sim().schedule(resolution, this::scrape);
    }

    private void scrape() {
        long now = store.now();
        pass++;
        lastScrape = now;
        for (Pod p : readable.get()) {
            if (p.isBound() && !p.phase().isTerminal()) {
                kubelets.report(p, now, containers, this::keep);
            }
        }
        if (pass % 20 == 0) {
            points.values().removeIf(e -> e[PASS] < pass - 1);
            containerPoints.values().removeIf(e -> e[PASS] < pass - 1);
        }
        store.sim().schedule(resolution, this::scrape);
    }

    private void keep(Pod pod, String container, long cpuMillis, long memoryBytes) {
        long[] e = container.isEmpty() ? points.get(pod) : containerPoints.get(pod.metadata().uid() + "/" + container);
        if (e == null) {
            e = new long[4];
            e[PASS] = -1; // never seen (pass 0 would read as the scrape before the first)
            if (container.isEmpty()) {
                points.put(pod, e);
            } else {
                containerPoints.put(pod.metadata().uid() + "/" + container, e);
            }
        } else if (e[PASS] == pass) {
            return; // in scope twice (two HPAs over the same pods): kept already
        }
        if (e[PASS] != pass - 1) {
            e[FIRST_PASS] = pass; // not seen by the previous scrape: no rate yet
        }
        e[CPU] = cpuMillis;
        e[MEMORY] = memoryBytes;
        e[PASS] = pass;
    }

    /** The latest sample of a pod's (or container's) {@code resource}, or null when metrics-server has none. */
    public MetricSample sample(Pod pod, String container, boolean cpu) {
        long[] e = container.isEmpty() ? points.get(pod) : containerPoints.get(pod.metadata().uid() + "/" + container);
        if (e == null || e[PASS] != pass || e[FIRST_PASS] == pass) {
            return null;
        }
        return new MetricSample(cpu ? e[CPU] : e[MEMORY], lastScrape, resolution);
    }
}
