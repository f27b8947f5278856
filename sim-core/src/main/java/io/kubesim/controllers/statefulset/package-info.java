/**
 * The StatefulSet controller (k8s-semantics.md 11): pods with stable names and ordinals, created
 * and removed in order ({@code OrderedReady}) or all at once ({@code Parallel}), updated from the
 * highest ordinal down with a partition, at most one pod per identity.
 *
 * <p>{@link io.kubesim.controllers.statefulset.StatefulSetController} runs one sync per set
 * (stateful_set_control.go {@code updateStatefulSet}); {@link
 * io.kubesim.controllers.statefulset.StatefulPodIdentity} names pods and reads ordinals back;
 * {@link io.kubesim.controllers.statefulset.StatefulSetRevisions} keeps the ControllerRevision
 * history (new revisions, rollbacks, truncation); {@link
 * io.kubesim.controllers.statefulset.StatefulSetClaims} is where the volume claims of each
 * ordinal are created and retained or deleted (no claims are modelled by default);
 * {@code StatefulSetController.workloads} is what a run reports per set.
 */
package io.kubesim.controllers.statefulset;
