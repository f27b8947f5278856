/**
 * The cluster autoscaler (k8s-semantics.md section 8): node groups with a min and max size, a
 * scale-up that binpacks unschedulable pods onto template nodes checked with the scheduler's own
 * node-local Filter plugins, and a scale-down that finds unneeded nodes by utilization and a
 * rescheduling simulation.
 */
package io.kubesim.controllers.autoscaler;
