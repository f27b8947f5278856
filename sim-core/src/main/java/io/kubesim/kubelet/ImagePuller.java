package io.kubesim.kubelet;

import io.kubesim.cluster.Node;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A node's image pulls. As with the kubelet's default {@code serializeImagePulls: true}, one
 * pull runs at a time and later requests wait their turn; a request for an image already being
 * pulled waits for that pull. An image pulled once stays on the node (no image GC yet).
 */
final class ImagePuller {
    /** Called when the image is on the node. */
    interface Done {
        /**
         * @param pulled      false when the image was already present
         * @param pullTime    how long the pull itself took
         * @param waitedTotal from the request until done, including time queued behind other pulls
         */
        void imageReady(boolean pulled, long pullTime, long waitedTotal);
    }

    private final Simulation sim;
    private final Node node;
    private final Runnable nodeChanged;
    private final Map<String, List<Runnable>> inFlight = new HashMap<>();
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

    /** True when the image is present and a request would complete at once. */
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

    /** Ensures the image is on the node; {@code pullTime} is how long a pull of it takes here. */
    void ensure(String image, long pullTime, Done done) {
        long requested = sim.now();
        if (node.hasImage(image)) {
            done.imageReady(false, 0, 0);
            return;
        }
        List<Runnable> waiters = inFlight.get(image);
        if (waiters != null) {
            waiters.add(() -> done.imageReady(true, 0, sim.now() - requested));
            return;
        }
        List<Runnable> list = new ArrayList<>();
        inFlight.put(image, list);
        long start = Math.max(sim.now(), busyUntil);
        long end = start + pullTime;
        busyUntil = end;
        int started = generation;
        sim.scheduleAt(end, () -> {
            if (stopped || started != generation) {
                return;
            }
            node.addImage(image);
            nodeChanged.run();
            inFlight.remove(image);
            done.imageReady(true, pullTime, sim.now() - requested);
            for (Runnable r : list) {
                r.run();
            }
        });
    }
}
