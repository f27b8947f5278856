package io.kubesim.cluster;

/** The API server refused to create an object; the message is the upstream one. */
public final class AdmissionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public AdmissionException(String message) {
        super(message);
    }
}
