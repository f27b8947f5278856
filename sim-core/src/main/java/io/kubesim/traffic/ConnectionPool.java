package io.kubesim.traffic;

import io.kubesim.app.ClientSpec;
import java.util.ArrayDeque;

/**
 * A client's connections to one Service. Keep-alive (HTTP/1.1): one request per connection at a
 * time; a freed connection goes back to the pool unless the pool already keeps {@code maxIdle},
 * and the most recently freed is reused first, as Go's net/http does; a connection idle longer
 * than {@code idleTimeout} is closed when next looked at. Multiplexed (HTTP/2, gRPC): one
 * connection carries every request until it is closed or goes away, then the next request opens
 * another.
 */
final class ConnectionPool {
    private final ClientSpec spec;
    private final ArrayDeque<Connection> idle;
    private Connection shared;

    ConnectionPool(ClientSpec spec) {
        this.spec = spec;
        this.idle = spec.connections() == ClientSpec.Connections.KEEP_ALIVE ? new ArrayDeque<>(4) : null;
    }

    /** A connection the next request can use now, or null: the client opens a new one. */
    Connection acquire(long now) {
        if (idle == null) {
            if (shared != null && !shared.usable(now)) {
                shared.goingAway = true;
                closeIfDone(shared);
                shared = null;
            }
            return shared;
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
        if (idle == null) {
            shared = c;
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
            if (spent || c != shared) {
                c.goingAway = true;
                if (c == shared) {
                    shared = null;
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
        if (c == shared) {
            shared = null;
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
            shared.goingAway = true;
            closeIfDone(shared);
            shared = null;
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
