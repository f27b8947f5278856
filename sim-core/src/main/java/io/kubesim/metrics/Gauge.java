package io.kubesim.metrics;

/** Something the sampler reads at every sample instant and records into series. */
@FunctionalInterface
public interface Gauge {
    void sample(long now, TimeSeriesStore series);
}
