package io.kubesim.traffic;

import io.kubesim.app.ClientSpec;
import java.util.ArrayDeque;

/**
 * A client's connections to one Service. Keep-alive (HTTP/1.1): one request per connection at a
 * time; a freed connection goes back to the pool unless the pool already keeps {@code maxIdle},
 * and the most recently freed is reused first, as Go's net/http does; a connection idle longer
 * than {@code idleTimeout} is closed when next looked at. Multiplexed (HTTP/2, gRPC): one
 * connection carries every request until it is closed or goes away, then the next request opens
 * another; with gRPC's {@code round_robin}, one such connection per pod address (keyed by the
 * pod's uid).
 */
final class ConnectionPool {
    private final ClientSpec spec;
    private final ArrayDeque<Connection> idle;
    /** Multiplexed: the connection per key ({@link #ANY} for pick_first, a pod uid for round_robin). */
    private final java.util.Map<String, Connection> shared;

    /** The key of pick_first's single connection. */
    static final String ANY = "";

    ConnectionPool(ClientSpec spec) {
        this.spec = spec;
        boolean keepAlive = spec.connections() == ClientSpec.Connections.KEEP_ALIVE;
        this.idle = keepAlive ? new ArrayDeque<>(4) : null;
        this.shared = keepAlive ? null : new java.util.HashMap<>(4);
    }

    /** A connection the next request can use now, or null: the client opens a new one. */
    Connection acquire(long now) {
        return acquire(ANY, now);
    }

    /** A multiplexed connection for {@code key} (a pod uid under round_robin) usable now, or null. */
    Connection acquire(String key, long now) {
        if (idle == null) {
            Connection c = shared.get(key);
            if (c != null && !c.usable(now)) {
                c.goingAway = true;
                closeIfDone(c);
                shared.remove(key);
                c = null;
            }
            return c;
        }
        while (!idle.isEmpty()) {
            Connection c = idle.pollLast();
            if (c.usable(now) && now - c.idleSince < spec.idleTimeout()) {
                return c;
            }
            close(c);
        }
        return null;
    }

    /** A connection the client just opened, with its first request about to go on it. */
    void opened(Connection c) {
        opened(ANY, c);
    }

    /** A multiplexed connection the client just opened for {@code key}. */
    void opened(String key, Connection c) {
        if (idle == null) {
            c.poolKey = key;
            shared.put(key, c);
        }
    }

    /** A request on {@code c} is over (answered, failed or abandoned); the client may keep it for the next. */
    void release(Connection c, long now) {
        c.inFlight--;
        if (c.inFlight > 0) {
            return;
        }
        c.idleSince = now;
        boolean spent = spec.maxRequests() > 0 && c.requests >= spec.maxRequests();
        if (idle == null) {
            boolean current = shared.get(c.poolKey) == c;
            if (spent || !current) {
                c.goingAway = true;
                if (current) {
                    shared.remove(c.poolKey);
                }
                closeIfDone(c);
            }
            return;
        }
        if (c.closed || c.goingAway || spent || idle.size() >= spec.maxIdle()) {
            close(c);
        } else {
            idle.addLast(c);
        }
    }

    /** The client drops a connection it no longer trusts (a request on it timed out). */
    void discard(Connection c) {
        if (shared != null && shared.get(c.poolKey) == c) {
            shared.remove(c.poolKey);
        }
        c.goingAway = true;
        closeIfDone(c);
    }

    /** Every connection this client holds, closed (its pod is gone). */
    void closeAll() {
        if (idle != null) {
            while (!idle.isEmpty()) {
                close(idle.pollLast());
            }
        }
        if (shared != null) {
            for (Connection c : shared.values()) {
                c.goingAway = true;
                closeIfDone(c);
            }
            shared.clear();
        }
    }

    private static void closeIfDone(Connection c) {
        if (c.inFlight == 0) {
            close(c);
        }
    }

    private static void close(Connection c) {
        if (!c.closed) {
            c.closed = true;
            c.server.connectionClosed(c);
        }
    }
}
