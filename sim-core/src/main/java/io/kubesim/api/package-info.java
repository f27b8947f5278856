/**
 * Kubernetes API value types as immutable records: resources, taints and tolerations, label and
 * node selectors, affinity, topology spread, probes, containers, pod specs and templates.
 *
 * <p>These are the parts of an object that a user writes and that do not change while the
 * simulation runs. The mutable objects the controllers act on (Pods, Nodes, ReplicaSets ...)
 * live in {@code io.kubesim.cluster} and hold these records. Matching rules that are part of
 * the API semantics (a toleration tolerating a taint, a selector matching labels) live here
 * beside the types, each naming the upstream rule it follows.
 */
package io.kubesim.api;
