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
    /** A closed-loop user waiting for this entry request's answer (told the outcome time); null for none. */
    LongConsumer answered;

    Request(ServiceTraffic target, long arrival, Request parent, long timeout) {
        this.target = target;
        this.arrival = arrival;
        this.parent = parent;
        this.timeout = timeout;
    }
}
