/**
 * What the simulation reports: Kubernetes-style events ({@link io.kubesim.metrics.EventRecorder}),
 * counters and sampled time series. Components write here; the reports module reads it. Nothing
 * here does I/O: sinks are interfaces the outer modules implement.
 */
package io.kubesim.metrics;
