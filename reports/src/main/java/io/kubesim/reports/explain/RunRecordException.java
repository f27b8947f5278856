package io.kubesim.reports.explain;

/** A run directory explain cannot read, or a question it cannot answer from it; the message says which and why. */
public final class RunRecordException extends RuntimeException {
    public RunRecordException(String message) {
        super(message);
    }
}
