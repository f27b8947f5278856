package io.kubesim.sim;

/**
 * The scenario cannot be simulated as written (a pod names a PriorityClass that does not exist,
 * a timeline action names a Deployment that is not there). Carries where it was declared, so the
 * CLI reports it as bad input rather than as a crash.
 */
public final class SpecException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String where;

    /** @param where {@code file:line} of the offending declaration, or "" */
    public SpecException(String where, String message) {
        super(where.isEmpty() ? message : where + ": " + message);
        this.where = where;
    }

    public String where() {
        return where;
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
