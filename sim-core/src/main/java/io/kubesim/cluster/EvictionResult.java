package io.kubesim.cluster;

/**
 * What the eviction subresource answered: the HTTP status code, the Status message and, for a
 * refusal by a budget, the cause (k8s-semantics.md 6.2).
 */
public record EvictionResult(int code, String message, String cause) {
    public static final int CREATED = 201;
    public static final int FORBIDDEN = 403;
    public static final int NOT_FOUND = 404;
    public static final int TOO_MANY_REQUESTS = 429;
    public static final int INTERNAL_ERROR = 500;

    static final EvictionResult EVICTED = new EvictionResult(CREATED, "", "");

    /** The pod was (or is being) deleted. */
    public boolean evicted() {
        return code == CREATED;
    }

    /** Refused for now; kubectl drain retries these (429 TooManyRequests). */
    public boolean retryable() {
        return code == TOO_MANY_REQUESTS;
    }

    /** The message and cause as a client prints them. */
    public String describe() {
        return cause.isEmpty() ? message : message + " " + cause;
    }
}
