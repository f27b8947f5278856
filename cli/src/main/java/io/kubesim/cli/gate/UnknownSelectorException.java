package io.kubesim.cli.gate;

/** A gate's selector names no service, workload or Deployment of the run; says which exist. */
public final class UnknownSelectorException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UnknownSelectorException(String message) {
        super(message);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
