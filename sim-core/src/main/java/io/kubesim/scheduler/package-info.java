/**
 * The kube-scheduler with the default profile (k8s-semantics.md section 3).
 *
 * <p>{@link io.kubesim.scheduler.Scheduler} is the entry point: construct it with the
 * {@link io.kubesim.cluster.ClusterStore}, an {@link io.kubesim.metrics.EventRecorder} and a
 * {@link io.kubesim.scheduler.SchedulerConfig}, call {@code start()}, and run the simulation. It
 * watches nodes and pods into its {@link io.kubesim.scheduler.SchedulerCache} (NodeInfos kept
 * incrementally, assumed pods included) and its {@link io.kubesim.scheduler.SchedulingQueue}
 * (activeQ, backoffQ, unschedulable pool, moved by {@link io.kubesim.scheduler.ClusterEventType}
 * hints), and runs one scheduling cycle per engine event through the
 * {@code SchedulingFramework}, whose plugins live in {@code io.kubesim.scheduler.plugins}.
 * Every attempt lands in the {@link io.kubesim.scheduler.SchedulingDecisionLog}.
 *
 * <p>Where kubesim simplifies upstream:
 * <ul>
 *   <li>Queueing hints are per plugin and event kind ({@link io.kubesim.scheduler.ClusterEventType}),
 *       not per object change: pods may be retried more often than upstream, never less.</li>
 *   <li>Binding is a single write after {@code bindLatency} (default 0); there is no Reserve,
 *       Permit or bind failure.</li>
 *   <li>Volume, DRA and scheduling-gate plugins are absent; NodeResourcesFit always reports
 *       Unschedulable (newer upstream marks requests above allocatable unresolvable).</li>
 *   <li>Preemption sees no PodDisruptionBudgets and breaks the last pickOneNodeForPreemption tie
 *       by discovery order (upstream: Go map order).</li>
 *   <li>ImageLocality takes image sizes from {@link io.kubesim.scheduler.SchedulerConfig#imageSizes()};
 *       unknown sizes count 0.</li>
 *   <li>Pods whose node was deleted are kept aside and re-attached if a node of that name returns.</li>
 * </ul>
 */
package io.kubesim.scheduler;
