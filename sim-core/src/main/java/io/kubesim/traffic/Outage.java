package io.kubesim.traffic;

/** A span of virtual time during which a Service was out (see {@link OutageDetector}). */
public record Outage(String service, long start, long end) {
    public long duration() {
        return end - start;
    }
}
