/**
 * The cluster autoscaler (k8s-semantics.md section 8): node groups with a min and max size, a
 * scale-up that binpacks unschedulable pods onto template nodes checked with the scheduler's own
 * node-local Filter plugins, and a scale-down that finds unneeded nodes by utilization and a
 * rescheduling simulation.
 *
 * <p>A package of its own rather than part of {@code controllers}: like upstream's
 * cluster-autoscaler, which vendors kube-scheduler's framework, it runs the scheduler's Filter
 * plugins in its simulations, while controllers and scheduler meet only in the store.
 */
package io.kubesim.autoscaler;
