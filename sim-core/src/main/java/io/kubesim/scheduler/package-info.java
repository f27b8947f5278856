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
 */
package io.kubesim.scheduler;
