package io.kubesim.cli;

/** A command-line value that is wrong in a way picocli cannot tell (a bad --until, an unwritable --out). */
public final class UsageError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public UsageError(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
