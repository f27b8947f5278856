package io.kubesim.app;

import io.kubesim.engine.SimTime;

/**
 * How a client talks to a Service: how it reuses connections, how long it waits, and what it
 * retries. A caller's client toward one Service (a call edge) or an entry point's clients.
 *
 * @param connections    how requests map onto connections
 * @param idleTimeout    a pooled connection unused this long is closed by the client (keep-alive)
 * @param maxIdle        idle connections a keep-alive pool keeps; a connection freed beyond that is closed
 * @param maxRequests    requests one connection carries before the client closes it (0: no limit)
 * @param connectTimeout how long the client waits for a connection to be accepted (0: the kernel's
 *                       SYN retries, {@link #KERNEL_CONNECT_TIMEOUT})
 * @param timeout        the request timeout, all attempts together (0: the target's serving timeout
 *                       for an entry point, the call's timeout for a call)
 * @param retry          what the client retries
 * @param roundRobin     HTTP/2 only: gRPC's {@code round_robin} policy, a connection to each
 *                       address the client resolves and requests spread over them in turn; only
 *                       a headless Service resolves to pod addresses (a ClusterIP is one address:
 *                       then it is {@code pick_first}, the default)
 */
public record ClientSpec(Connections connections, long idleTimeout, int maxIdle, long maxRequests, long connectTimeout,
                         long timeout, RetryPolicy retry, boolean roundRobin) {
    /**
     * Linux gives up a connect whose SYNs go unanswered after 127 s ({@code tcp_syn_retries} 6,
     * initial RTO 1 s doubling: SYNs at 0, 1, 3, 7, 15, 31, 63 s; k8s-semantics.md 17.5).
     */
    public static final long KERNEL_CONNECT_TIMEOUT = SimTime.seconds(127);

    /** Go net/http's {@code DefaultTransport}: idle connections closed after 90 s. */
    public static final long DEFAULT_IDLE_TIMEOUT = SimTime.seconds(90);

    /** Go net/http's {@code DefaultMaxIdleConnsPerHost}: 2 idle connections kept per host. */
    public static final int DEFAULT_MAX_IDLE = 2;

    /**
     * An entry point's open-loop traffic: many independent outside clients, so each request comes
     * on a connection of its own and kube-proxy balances every request.
     */
    public static final ClientSpec OPEN_LOOP = new ClientSpec(Connections.PER_REQUEST, DEFAULT_IDLE_TIMEOUT,
            DEFAULT_MAX_IDLE, 0, 0, 0, RetryPolicy.NONE);

    /**
     * A closed-loop virtual user, and a pod calling a Service: an HTTP/1.1 client with a keep-alive
     * pool, as Go's net/http, k6 and fortio keep one.
     */
    public static final ClientSpec KEEP_ALIVE = new ClientSpec(Connections.KEEP_ALIVE, DEFAULT_IDLE_TIMEOUT,
            DEFAULT_MAX_IDLE, 0, 0, 0, RetryPolicy.NONE);

    /** A client with gRPC's default {@code pick_first}. */
    public ClientSpec(Connections connections, long idleTimeout, int maxIdle, long maxRequests, long connectTimeout,
                      long timeout, RetryPolicy retry) {
        this(connections, idleTimeout, maxIdle, maxRequests, connectTimeout, timeout, retry, false);
    }

    public ClientSpec {
        if (idleTimeout <= 0 || maxIdle < 0 || maxRequests < 0 || connectTimeout < 0 || timeout < 0) {
            throw new IllegalArgumentException("invalid client");
        }
    }

    /** The time a connect to a vanished address takes to fail. */
    public long connectWait() {
        return connectTimeout > 0 ? connectTimeout : KERNEL_CONNECT_TIMEOUT;
    }

    /** This client with another way of using connections. */
    public ClientSpec withConnections(Connections c) {
        return new ClientSpec(c, idleTimeout, maxIdle, maxRequests, connectTimeout, timeout, retry,
                roundRobin && c == Connections.MULTIPLEXED);
    }

    /** This client with another retry policy. */
    public ClientSpec withRetry(RetryPolicy r) {
        return new ClientSpec(connections, idleTimeout, maxIdle, maxRequests, connectTimeout, timeout, r, roundRobin);
    }

    /** How requests map onto connections. */
    public enum Connections {
        /** A new connection for every request ({@code Connection: close}; many independent clients). */
        PER_REQUEST("perRequest"),
        /** HTTP/1.1 keep-alive: one request at a time per connection, freed connections pooled. */
        KEEP_ALIVE("keepAlive"),
        /** HTTP/2 or gRPC: one long-lived connection carries every request of the client. */
        MULTIPLEXED("http2");

        private final String label;

        Connections(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }

        /** The mode named {@code label} ({@code grpc} is HTTP/2), or null. */
        public static Connections of(String label) {
            if ("grpc".equals(label)) {
                return MULTIPLEXED;
            }
            for (Connections c : values()) {
                if (c.label.equals(label)) {
                    return c;
                }
            }
            return null;
        }
    }
}
