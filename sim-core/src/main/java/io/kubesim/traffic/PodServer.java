package io.kubesim.traffic;

import io.kubesim.app.ServingModel;
import io.kubesim.cluster.Pod;
import io.kubesim.kubelet.PodLoadTarget;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The application in one pod as the traffic sees it: it accepts connections only while it listens
 * and has not had SIGTERM, serves up to {@code concurrency} requests at once with a bounded queue
 * behind them, is slower while it warms up, and on SIGTERM either drains what it accepted or
 * resets it. When its process dies, whatever it holds fails.
 *
 * <p>It knows the connections clients keep to it: on SIGTERM a draining app closes the idle ones
 * and tells clients on the busy ones to go elsewhere (HTTP/1.1 {@code Connection: close}, HTTP/2
 * GOAWAY), so they reconnect through their balancer; when its process ends they are all closed.
 * Its own clients (the Services it calls) live here too, with their connection pools.
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
    /** The kubelet's handle for this pod's load, from its latest start; null before. */
    private PodLoadTarget loadTarget;
    /** Queued for the next {@link ExactTraffic#visitLoadChanges}: its load changed since the last. */
    boolean loadChanged;
    /** Forgotten by the traffic model (its pod was deleted): no longer visited. */
    boolean retired;
    /** This pod's line of the ledger's per-pod counts and its key, from the first request recorded. */
    private PodTraffic counts;
    private String countsKey;
    private long listeningSince;
    /** CPU time used by the requests started so far. */
    private long cpuMicros;
    /** Requests offered to the application so far (accepted connections). */
    private long offered;
    /** Service-time multiplier from CPU throttling or contention. */
    private double cpuSlowdown = 1.0;
    /** Open connections clients keep to it (not those opened for a single request). */
    private final List<Connection> connections = new ArrayList<>();
    /** Its clients toward the Services it calls, by call number; created on first use. */
    private ServiceClient[] clients;

    PodServer(Pod pod, ServingModel model, ExactTraffic traffic) {
        this.pod = pod;
        this.model = model;
        this.traffic = traffic;
        traffic.loadChanged(this);
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

    /**
     * The ledger's counts for {@code podKey} when it is this pod's key (what
     * {@link PodTally#entry(String)} gives, looked up once, since its entries are never replaced), or
     * null when a request last sent here was since routed to another pod's key.
     */
    PodTraffic counts(PodTally tally, String podKey) {
        if (counts == null) {
            if (podKey == null) {
                return null;
            }
            counts = tally.entry(podKey);
            countsKey = podKey;
            return counts;
        }
        return podKey != null && (podKey == countsKey || podKey.equals(countsKey)) ? counts : null;
    }

    /** Where the kubelet wants this pod's load reported, as it said when the pod last started listening. */
    PodLoadTarget loadTarget() {
        return loadTarget;
    }

    int inFlight() {
        return active.size() + queue.size();
    }

    /**
     * @param load where the kubelet wants this pod's load reported (see {@link #loadTarget()})
     */
    void listening(long now, PodLoadTarget load) {
        loadTarget = load;
        traffic.loadChanged(this);
        if (unreachable) {
            closeConnections(); // its node came back without the old sockets: their next packet is reset
        }
        unreachable = false;
        listening = true;
        sigtermed = false;
        listeningSince = now;
    }

    /** SIGTERM: stop accepting; a draining app finishes what it holds, another resets it. */
    void sigterm() {
        sigtermed = true;
        if (!model.drainOnSigterm()) {
            closeConnections();
            failAll(RequestCause.RESET_ON_SIGTERM);
            return;
        }
        for (int i = connections.size() - 1; i >= 0; i--) {
            Connection c = connections.get(i);
            if (c.inFlight == 0) {
                close(c);
            } else {
                c.goingAway = true;
            }
        }
    }

    /** The process ended; anything still held was cut off. */
    void stopped() {
        cpuSlowdown = 1.0; // a new process starts unthrottled; the kubelet says so if not
        if (unreachable) {
            return; // what it held hangs already; the pod object's removal changes nothing
        }
        listening = false;
        closeConnections();
        closeClients();
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
        closeClients(); // its own connections died with it; the far ends find out on their own

        for (Request r : takeHeld()) {
            traffic.hang(r);
        }
    }

    /** A connection accepted: serve it now, queue it, or refuse it. */
    void offer(Request r, long now) {
        offered++;
        traffic.loadChanged(this);
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

    /** A client opened a connection to it now (it is accepting). */
    Connection connect(long now, long maxAgeAt) {
        Connection c = new Connection(this, pod.metadata().namespace() + "/" + pod.name(), now, maxAgeAt);
        c.serverIndex = connections.size();
        connections.add(c);
        return c;
    }

    /** A connection to it was closed (by either side). */
    void connectionClosed(Connection c) {
        int i = c.serverIndex;
        if (i < 0 || i >= connections.size() || connections.get(i) != c) {
            return;
        }
        Connection last = connections.remove(connections.size() - 1);
        if (last != c) {
            connections.set(i, last);
            last.serverIndex = i;
        }
        c.serverIndex = -1;
    }

    /** Connections open to it now plus requests in flight on connections of their own (IPVS lc's count). */
    int openConnections() {
        return connections.size() + inFlight();
    }

    /** Its client for call number {@code index}, made by {@code factory} on first use. */
    ServiceClient client(int index, java.util.function.BiFunction<PodServer, Integer, ServiceClient> factory) {
        if (clients == null) {
            clients = new ServiceClient[model.calls().size()];
        }
        ServiceClient c = clients[index];
        if (c == null) {
            c = factory.apply(this, index);
            clients[index] = c;
        }
        return c;
    }

    private void closeConnections() {
        for (int i = connections.size() - 1; i >= 0; i--) {
            Connection c = connections.get(i);
            c.closed = true;
            c.serverIndex = -1;
        }
        connections.clear();
    }

    private void close(Connection c) {
        c.closed = true;
        connectionClosed(c);
    }

    private void closeClients() {
        if (clients != null) {
            for (ServiceClient c : clients) {
                if (c != null && c.pool != null) {
                    c.pool.closeAll();
                }
            }
            clients = null;
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
