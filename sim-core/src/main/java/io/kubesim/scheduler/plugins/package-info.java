/**
 * The default profile's plugins, each named and behaving as its upstream counterpart
 * (k8s-semantics.md 3.1, 3.4, 3.5, 3.6): Filter plugins NodeUnschedulable, NodeName,
 * TaintToleration, NodeAffinity, NodePorts, NodeResourcesFit, VolumeRestrictions, VolumeBinding (with
 * its PreBind), VolumeZone, PodTopologySpread, InterPodAffinity;
 * Score plugins TaintToleration, NodeAffinity, NodeResourcesFit (LeastAllocated),
 * PodTopologySpread, InterPodAffinity, NodeResourcesBalancedAllocation, ImageLocality; the
 * DefaultPreemption PostFilter; and {@link io.kubesim.scheduler.plugins.FailureMessage}, the
 * FailedScheduling text. Reason strings are public constants so tests and reports can name them.
 */
package io.kubesim.scheduler.plugins;
