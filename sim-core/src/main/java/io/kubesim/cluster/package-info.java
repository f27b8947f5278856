/**
 * The API server's store: mutable, lean Kubernetes objects (Node, Pod, ReplicaSet, Deployment,
 * Service, EndpointSlice, PriorityClass, Namespace), one {@link io.kubesim.cluster.ObjectStore} per kind with the
 * indexes controllers need (pods by node, by owner, slices by Service), and informer-like watches.
 *
 * <p>Writers change an object in place and then call {@code store.update(obj)}; watchers are
 * told through the engine after their watch latency, so a controller never runs inside another
 * component's write. Watch handlers receive the live object: controllers are level-based and
 * re-read what they need, as upstream reconcilers do. Admission ({@link io.kubesim.cluster.PodAdmission})
 * applies the defaults the API server would on pod creation. {@link io.kubesim.cluster.ScaleSubresources}
 * serves the {@code /scale} subresource of every scalable kind (one registration per kind), so
 * the HPA and {@code kubectl scale} treat Deployments, ReplicaSets, ReplicationControllers and
 * later kinds alike.
 */
package io.kubesim.cluster;
