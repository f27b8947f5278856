package io.kubesim.traffic;

/**
 * One TCP connection from a client to a pod, made through a balancer (k8s-semantics.md 17.1):
 * the pod was chosen when it was opened and every request on it goes there, whatever the
 * endpoints do afterwards (17.2), until the client or the pod closes it.
 */
final class Connection {
    final PodServer server;
    final String podKey;
    final long opened;
    /** Requests sent on it so far. */
    long requests;
    /** Requests on it now (HTTP/1.1: 0 or 1). */
    int inFlight;
    /** Since when it has been idle (no request on it). */
    long idleSince;
    /** Closed by either side: no request goes on it any more. */
    boolean closed;
    /** The server asked the client to go elsewhere (HTTP/2 GOAWAY, or {@code Connection: close}): no new requests. */
    boolean goingAway;
    /** Its key in its client's pool of multiplexed connections. */
    String poolKey = ConnectionPool.ANY;
    /** Its place in its server's list of connections; -1 once closed. */
    int serverIndex = -1;
    /** When the server sends GOAWAY because the connection is old ({@code maxConnectionAge}), or Long.MAX_VALUE. */
    final long maxAgeAt;

    Connection(PodServer server, String podKey, long opened, long maxAgeAt) {
        this.server = server;
        this.podKey = podKey;
        this.opened = opened;
        this.idleSince = opened;
        this.maxAgeAt = maxAgeAt;
    }

    /** When a request on it first got no answer because its far end vanished; -1 while none did. */
    long hungSince = -1;

    /**
     * Whether a new request may go on it now: open, not asked to go away, not past its max age,
     * and not given up by the client's kernel (a vanished peer: about 924 s of retransmissions).
     */
    boolean usable(long now) {
        return !closed && !goingAway && now < maxAgeAt
                && (hungSince < 0 || now - hungSince < ExactTraffic.TCP_RETRANSMIT_GIVE_UP);
    }
}
