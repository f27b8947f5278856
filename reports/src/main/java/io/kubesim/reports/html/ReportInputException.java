package io.kubesim.reports.html;

/** A run directory the report cannot be drawn from; the message names the file and why. */
public final class ReportInputException extends RuntimeException {
    public ReportInputException(String message) {
        super(message);
    }
}
