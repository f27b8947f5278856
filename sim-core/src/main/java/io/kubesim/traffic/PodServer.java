package io.kubesim.traffic;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in one pod as the traffic sees it: it accepts connections only while it listens
 * and has not had SIGTERM, serves up to {@code concurrency} requests at once with a bounded queue
 * behind them, is slower while it warms up, and on SIGTERM either drains what it accepted or
 * resets it. When its process dies, whatever it holds fails.
 */
final class PodServer {
    private final Pod pod;
    private final ServingModel model;
    private final ExactTraffic traffic;
    private final ArrayDeque<Request> queue = new ArrayDeque<>();
    private final List<Request> active = new ArrayList<>();
    private boolean listening;
    private boolean sigtermed;
    private boolean unreachable;
    private long listeningSince;
    /** CPU time used by the requests started so far. */
    private long cpuMicros;
    /** Requests offered to the application so far (accepted connections). */
    private long offered;
    /** Service-time multiplier from CPU throttling or contention. */
    private double cpuSlowdown = 1.0;

    PodServer(Pod pod, ServingModel model, ExactTraffic traffic) {
        this.pod = pod;
        this.model = model;
        this.traffic = traffic;
    }

    Pod pod() {
        return pod;
    }

    ServingModel model() {
        return model;
    }

    /** Accepting new connections: listening and not yet told to stop. */
    boolean accepting() {
        return listening && !sigtermed && !unreachable;
    }

    /** The pod's node is down: connections to it hang. */
    boolean unreachable() {
        return unreachable;
    }

    int inFlight() {
        return active.size() + queue.size();
    }

    void listening(long now) {
        unreachable = false;
        listening = true;
        sigtermed = false;
        listeningSince = now;
    }

    /** SIGTERM: stop accepting; a draining app finishes what it holds, another resets it. */
    void sigterm() {
        sigtermed = true;
        if (!model.drainOnSigterm()) {
            failAll(RequestCause.RESET_ON_SIGTERM);
        }
    }

    /** The process ended; anything still held was cut off. */
    void stopped() {
        cpuSlowdown = 1.0; // a new process starts unthrottled; the kubelet says so if not
        if (unreachable) {
            return; // what it held hangs already; the pod object's removal changes nothing
        }
        listening = false;
        failAll(RequestCause.KILLED_IN_FLIGHT);
    }

    /**
     * The node went down: nothing answers any more; every request held hangs until its client
     * gives up ({@code node_unreachable} at its timeout).
     */
    void nodeDown() {
        cpuSlowdown = 1.0;
        unreachable = true;
        listening = false;
        for (Request r : takeHeld()) {
            traffic.hang(r);
        }
    }

    /** A connection accepted: serve it now, queue it, or refuse it. */
    void offer(Request r, long now) {
        offered++;
        long warmFor = listeningSince + model.warmUp() - now;
        if (warmFor > 0 && model.warmUpSlowdown() <= 0) {
            traffic.finish(r, RequestCause.NOT_WARMED_UP);
            return;
        }
        r.server = this;
        if (active.size() < model.concurrency()) {
            start(r, now);
        } else if (queue.size() < model.queueLimit()) {
            queue.addLast(r);
        } else {
            traffic.finish(r, RequestCause.QUEUE_FULL);
        }
    }

    /** CPU time used by the requests started so far, in microseconds. */
    long cpuMicros() {
        return cpuMicros;
    }

    /** Requests offered so far. */
    long offered() {
        return offered;
    }

    void setCpuSlowdown(double factor) {
        cpuSlowdown = factor;
    }

    private void start(Request r, long now) {
        cpuMicros += model.cpuPerRequest();
        r.activeIndex = active.size();
        active.add(r);
        traffic.serve(r, this, slowdown(now));
    }

    /**
     * The service-time multiplier now: warm-up ({@link ServingModel#slowdown(long)}) times CPU
     * throttling or contention.
     */
    double slowdown(long now) {
        double warm = model.slowdown(now - listeningSince);
        return cpuSlowdown == 1.0 ? warm : warm * cpuSlowdown;
    }

    /** A request this server was serving has finished; take the next one from the queue. */
    void release(Request r, long now) {
        remove(r);
        while (!queue.isEmpty() && active.size() < model.concurrency()) {
            Request next = queue.pollFirst();
            if (!next.done) {
                start(next, now);
            }
        }
    }

    private void remove(Request r) {
        int i = r.activeIndex;
        if (i < 0 || i >= active.size() || active.get(i) != r) {
            return;
        }
        Request last = active.remove(active.size() - 1);
        if (last != r) {
            active.set(i, last);
            last.activeIndex = i;
        }
        r.activeIndex = -1;
    }

    private void failAll(RequestCause cause) {
        for (Request r : takeHeld()) {
            traffic.abort(r, cause);
        }
    }

    /** Every request being served or queued, in that order; the pod holds none afterwards. */
    private List<Request> takeHeld() {
        List<Request> held = new ArrayList<>(active);
        held.addAll(queue);
        active.clear();
        queue.clear();
        for (Request r : held) {
            r.activeIndex = -1;
        }
        return held;
    }
}
