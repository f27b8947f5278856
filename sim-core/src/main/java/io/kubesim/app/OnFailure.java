package io.kubesim.app;

/**
 * What a caller answers its own client when a call it needed failed (after any retries its client
 * makes): a status, or a fallback. The request's cause stays {@code dependency_failed}; the status
 * is what an entry point's client counts.
 *
 * @param fallback true: the caller answers 200 anyway with a degraded response (a cached value, a
 *                 default, a partial page), and the request counts as served and degraded
 * @param status   the status answered otherwise: 500, 502, 503 or 504; 0 passes on the status the
 *                 call ended with (the callee's answer, or 504 when the call timed out)
 */
public record OnFailure(boolean fallback, int status) {
    /** kubesim's default, as before it could be set: the caller answers 502. */
    public static final OnFailure DEFAULT = new OnFailure(false, 502);
    public static final OnFailure FALLBACK = new OnFailure(true, 200);
    public static final OnFailure PROPAGATE = new OnFailure(false, 0);

    public OnFailure {
        if (!fallback && status != 0 && (status < 500 || status > 504 || status == 501)) {
            throw new IllegalArgumentException("a caller answers 500, 502, 503 or 504, not " + status);
        }
    }
}
