package io.kubesim.kubelet;

import io.kubesim.cluster.Node;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's image pulls. As with the kubelet's default {@code serializeImagePulls: true}
 * (k8s-semantics.md 18.4), one pull runs at a time and later requests wait their turn, failing
 * pulls and {@code Always} pulls of a cached image included; a request for an image already being
 * pulled waits for that pull and shares its outcome. An image pulled once stays on the node (no
 * image GC yet).
 */
final class ImagePuller {
    /** Called when a pull request has finished, well or not. */
    interface Outcome {
        /**
         * @param pullTime    how long the pull itself took (0 for a request that joined another's pull)
         * @param waitedTotal from the request until done, including time queued behind other pulls
         * @param error       the runtime's error, or null when the image is now on the node
         */
        void finished(long pullTime, long waitedTotal, String error);
    }

    private final Simulation sim;
    private final Node node;
    private final Runnable nodeChanged;
    /** Lookup only, never iterated. */
    private final Map<String, List<Outcome>> inFlight = new HashMap<>();
    private long busyUntil;
    private boolean stopped;
    /** Bumped when the machine goes down: pulls started before never finish. */
    private int generation;

    /** @param nodeChanged publishes the node after its image list changed (the scheduler's ImageLocality reads it) */
    ImagePuller(Simulation sim, Node node, Runnable nodeChanged) {
        this.sim = sim;
        this.node = node;
        this.nodeChanged = nodeChanged;
    }

    /** True when the image is on the node. */
    boolean isPresent(String image) {
        return node.hasImage(image);
    }

    /** The machine went down: pulls in progress never finish. */
    void stop() {
        stopped = true;
        generation++;
        inFlight.clear();
    }

    /** The machine is back: pulls start afresh (images already on disk stay). */
    void resume() {
        stopped = false;
        busyUntil = sim.now();
    }

    /**
     * Queues a pull of {@code image} taking {@code duration} once its turn comes; it fails with
     * {@code error} when that is not null (the image is then not added). A request for an image
     * whose pull is under way joins it.
     */
    void pull(String image, long duration, String error, Outcome outcome) {
        long requested = sim.now();
        List<Outcome> waiters = inFlight.get(image);
        if (waiters != null) {
            waiters.add((took, waited, err) -> outcome.finished(0, sim.now() - requested, err));
            return;
        }
        List<Outcome> list = new ArrayList<>();
        inFlight.put(image, list);
        long start = Math.max(sim.now(), busyUntil);
        long end = start + duration;
        busyUntil = end;
        int started = generation;
        sim.scheduleAt(end, () -> {
            if (stopped || started != generation) {
                return;
            }
            if (error == null && !node.hasImage(image)) {
                node.addImage(image);
                nodeChanged.run();
            }
            inFlight.remove(image);
            outcome.finished(duration, sim.now() - requested, error);
            for (Outcome o : list) {
                o.finished(0, 0, error);
            }
        });
    }
}
