package io.kubesim.app;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import java.util.List;

/**
 * How a workload's application serves requests, per pod.
 *
 * @param concurrency   requests one pod serves at once (worker threads, event-loop capacity)
 * @param queueLimit    requests waiting beyond those; more are refused with 503
 * @param serviceTime   time to serve one request at full speed
 * @param timeout       the client's (or ingress's) request timeout; longer requests end in 504
 * @param warmUp        time after the app starts listening before it serves at full speed
 *                      (JIT, caches, connection pools), whatever its readiness probe says
 * @param warmUpSlowdown service time multiplier at the start of warm-up, easing linearly to 1
 * @param drainOnSigterm true: on SIGTERM stop accepting and finish in-flight requests; false:
 *                      close at once, failing what is in flight
 * @param calls         downstream calls made while serving a request
 * @param cpuPerRequest CPU time one request uses (microseconds of one core): the pod's CPU
 *                      usage from requests is this times the rate it serves
 * @param memoryPerRequest bytes one request holds while it is in the pod (queued or served): the
 *                      pod's memory from requests is this times the requests it holds
 * @param maxConnectionAge the server asks a client to reconnect (HTTP/2 GOAWAY, gRPC's
 *                      {@code MAX_CONNECTION_AGE}) once a connection is this old, give or take
 *                      10 %; 0 for never (the default)
 * @param errorRatio    the share of requests it serves that it answers with {@code errorStatus}
 *                      anyway (a bad release: an exception, a failed query); 0 by default
 * @param errorStatus   the status of those answers: 500 by default
 */
public record ServingModel(int concurrency, int queueLimit, DurationDistribution serviceTime, long timeout,
                           long warmUp, double warmUpSlowdown, boolean drainOnSigterm, List<Call> calls,
                           long cpuPerRequest, long memoryPerRequest, long maxConnectionAge, double errorRatio,
                           int errorStatus) {
    /**
     * Documented defaults: 64 concurrent, 1000 queued, 20 ms service, 30 s timeout, no warm-up,
     * drains, no CPU or memory cost per request.
     */
    public static final ServingModel DEFAULT = new ServingModel(64, 1000,
            new DurationDistribution.Constant(SimTime.millis(20)), SimTime.seconds(30), 0, 1.0, true, List.of());

    public ServingModel {
        calls = List.copyOf(calls);
        if (cpuPerRequest < 0 || memoryPerRequest < 0 || maxConnectionAge < 0) {
            throw new IllegalArgumentException("costs per request and connection age must not be negative");
        }
        if (errorRatio < 0 || errorRatio > 1 || errorStatus < 500 || errorStatus > 599) {
            throw new IllegalArgumentException("an error ratio from 0 to 1 with a 5xx status");
        }
    }

    /** A model that answers every request it serves. */
    public ServingModel(int concurrency, int queueLimit, DurationDistribution serviceTime, long timeout, long warmUp,
                        double warmUpSlowdown, boolean drainOnSigterm, List<Call> calls, long cpuPerRequest,
                        long memoryPerRequest, long maxConnectionAge) {
        this(concurrency, queueLimit, serviceTime, timeout, warmUp, warmUpSlowdown, drainOnSigterm, calls,
                cpuPerRequest, memoryPerRequest, maxConnectionAge, 0, 500);
    }

    /** A model whose connections live as long as their clients keep them. */
    public ServingModel(int concurrency, int queueLimit, DurationDistribution serviceTime, long timeout, long warmUp,
                        double warmUpSlowdown, boolean drainOnSigterm, List<Call> calls, long cpuPerRequest,
                        long memoryPerRequest) {
        this(concurrency, queueLimit, serviceTime, timeout, warmUp, warmUpSlowdown, drainOnSigterm, calls,
                cpuPerRequest, memoryPerRequest, 0);
    }

    /** A model whose requests cost no CPU or memory (the traffic alone). */
    public ServingModel(int concurrency, int queueLimit, DurationDistribution serviceTime, long timeout, long warmUp,
                        double warmUpSlowdown, boolean drainOnSigterm, List<Call> calls) {
        this(concurrency, queueLimit, serviceTime, timeout, warmUp, warmUpSlowdown, drainOnSigterm, calls, 0, 0);
    }

    /** Whether requests cost the pod CPU or memory. */
    public boolean hasRequestCost() {
        return cpuPerRequest > 0 || memoryPerRequest > 0;
    }

    /**
     * The service-time multiplier {@code sinceListening} after the app started to listen:
     * {@code warmUpSlowdown} at first, easing linearly to 1 over the warm-up time.
     */
    public double slowdown(long sinceListening) {
        if (warmUp <= 0 || sinceListening >= warmUp) {
            return 1.0;
        }
        double left = 1.0 - (double) Math.max(0, sinceListening) / warmUp;
        return 1.0 + (warmUpSlowdown - 1.0) * left;
    }

    /**
     * A call to another Service made with probability {@code probability} while serving; a failed
     * or timed-out call fails the caller's request, answered as {@code onFailure} says, unless
     * that is a fallback.
     *
     * @param client    how the caller's pod talks to the Service: connections, timeouts, retries
     *                  ({@link ClientSpec#KEEP_ALIVE} by default); its {@code timeout}, when set,
     *                  is the call's {@code timeout}
     * @param onFailure what the caller answers when the call fails ({@link OnFailure#DEFAULT}: 502)
     * @param viaMesh   the caller's sidecar proxy (Envoy) routes the call, not kube-proxy
     */
    public record Call(String service, double probability, long timeout, ClientSpec client, OnFailure onFailure,
                       boolean viaMesh) {
        public Call {
            if (client == null) {
                client = ClientSpec.KEEP_ALIVE;
            }
            if (onFailure == null) {
                onFailure = OnFailure.DEFAULT;
            }
        }

        /** A call with the default client and answer. */
        public Call(String service, double probability, long timeout) {
            this(service, probability, timeout, null, null, false);
        }

        /** A call with the default answer. */
        public Call(String service, double probability, long timeout, ClientSpec client) {
            this(service, probability, timeout, client, null, false);
        }

        /** A call through kube-proxy. */
        public Call(String service, double probability, long timeout, ClientSpec client, OnFailure onFailure) {
            this(service, probability, timeout, client, onFailure, false);
        }
    }
}
