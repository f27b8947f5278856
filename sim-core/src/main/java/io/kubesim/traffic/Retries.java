package io.kubesim.traffic;

import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;

/** Which failed attempts a retry policy's conditions cover. */
final class Retries {
    private Retries() {
    }

    /** Whether {@code policy} retries an attempt that failed with {@code cause} (pod status {@code status}, 0 for none). */
    static boolean retriable(RetryPolicy policy, RequestCause cause, int status) {
        for (RetryOn r : policy.on()) {
            if (matches(r, cause, status)) {
                return true;
            }
        }
        return false;
    }

    static boolean matches(RetryOn on, RequestCause cause, int status) {
        return switch (on) {
            case CONNECT_FAILURE -> cause == RequestCause.CONNECTION_REFUSED || cause == RequestCause.CONNECT_TIMEOUT
                    || cause == RequestCause.POLICY_DROPPED || cause == RequestCause.NO_ENDPOINTS;
            case REFUSED -> cause == RequestCause.CONNECTION_REFUSED || cause == RequestCause.NO_ENDPOINTS;
            case RESET -> cause == RequestCause.KILLED_IN_FLIGHT || cause == RequestCause.RESET_ON_SIGTERM;
            case PER_TRY_TIMEOUT -> cause == RequestCause.TIMEOUT;
            case STATUS_502 -> status == 502;
            case STATUS_503 -> status == 503;
            case STATUS_504 -> status == 504;
        };
    }
}
