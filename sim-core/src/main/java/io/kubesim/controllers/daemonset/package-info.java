/**
 * The DaemonSet controller (k8s-semantics.md 12): {@link io.kubesim.controllers.daemonset.DaemonSetController}
 * reconciles each DaemonSet to one pod per eligible node. {@link io.kubesim.controllers.daemonset.NodeEligibility}
 * says which nodes should run a daemon pod (12.2) with the tolerations of
 * {@link io.kubesim.controllers.daemonset.DaemonPodTolerations} (12.3);
 * {@link io.kubesim.controllers.daemonset.DaemonPods} builds the pod pinned to its node (12.4);
 * {@link io.kubesim.controllers.daemonset.DaemonSetRollingUpdate} plans one rolling-update step
 * (12.6); {@link io.kubesim.controllers.daemonset.DaemonSetHistory} keeps the template revisions
 * and their hashes; {@code DaemonSetView} is the controller's
 * per-DaemonSet bookkeeping that keeps one event's cost independent of the node count;
 * {@code DaemonSetController.workloads} is what a run reports.
 */
package io.kubesim.controllers.daemonset;
