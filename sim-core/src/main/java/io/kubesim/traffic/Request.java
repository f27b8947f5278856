package io.kubesim.traffic;

import io.kubesim.engine.ScheduledEvent;
import java.util.function.LongConsumer;

/**
 * One request in flight: where it is going, when it arrived, and what it waits for (its own
 * service and any downstream calls).
 */
final class Request {
    final ServiceTraffic target;
    final long arrival;
    final Request parent;
    long timeout;
    /** Own service plus outstanding calls. */
    int parts;
    RequestCause firstFailure;
    /** The status this request answers with because of {@link #firstFailure} (its call edge's {@code onFailure}). */
    int firstFailureStatus;
    /** A call it made failed and the caller fell back: served, degraded. */
    boolean degraded;
    PodServer server;
    /** {@code namespace/name} of the pod it was sent to (the last one tried); null while none. */
    String podKey;
    int activeIndex = -1;
    ScheduledEvent completion;
    ScheduledEvent callTimeout;
    boolean done;
    /** The caller stopped waiting (its call timed out); the outcome no longer reaches it. */
    boolean detached;
    /** Its pod's node went down: it ends at its timeout, whatever its own calls do meanwhile. */
    boolean hung;
    /** The client that sent it: its connections, timeouts and retries. */
    ServiceClient client;
    /** The connection the current attempt went on; null for a connection of its own. */
    Connection connection;
    /** Attempts through the client's balancer in this round of the client's retries (1 for the first). */
    int tries;
    /** Retries the client itself has made. */
    int clientRetries;
    /** When the current attempt started. */
    long tryStart;
    /** A connect timeout, per-try timeout or back-off pending for the current attempt; null for none. */
    ScheduledEvent pending;
    /** The uid of the pod the last attempt went to, so a proxy's retry can go elsewhere. */
    String lastPodUid;
    /** Counts this request's attempts; a call made by an earlier attempt no longer reaches it. */
    int epoch;
    /** The parent's {@link #epoch} when this call was made. */
    int parentEpoch;
    /** The client gave up on this attempt (per-try timeout) and goes on with {@link #successor}. */
    boolean abandoned;
    Request successor;
    /** Nothing will answer the current attempt (counted in {@code ExactTraffic.lostInFlight}). */
    boolean lost;
    /** The status the pod answered with, when a pod answered; 0 otherwise. */
    int answerStatus;
    /** A closed-loop user waiting for this entry request's answer (told the outcome time); null for none. */
    LongConsumer answered;

    Request(ServiceTraffic target, long arrival, Request parent, long timeout) {
        this.target = target;
        this.arrival = arrival;
        this.parent = parent;
        this.timeout = timeout;
    }
}
