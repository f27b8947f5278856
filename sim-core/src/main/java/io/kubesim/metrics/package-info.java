/**
 * What the simulation reports: Kubernetes-style events ({@link io.kubesim.metrics.EventRecorder}),
 * counters and sampled time series, and the per-workload observations behind summary.json
 * ({@link io.kubesim.metrics.DeploymentObserver}; {@link io.kubesim.metrics.WorkloadObservers}
 * gathers a {@link io.kubesim.metrics.WorkloadStatus} per workload of every kind from each kind's
 * {@link io.kubesim.metrics.WorkloadObserver}). Components write here; the reports module reads it. Nothing
 * here does I/O: sinks are interfaces the outer modules implement.
 */
package io.kubesim.metrics;
