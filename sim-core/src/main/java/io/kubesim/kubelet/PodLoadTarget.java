package io.kubesim.kubelet;

/**
 * Where a pod's request load lands: the kubelet's worker for the pod, handed to the traffic model
 * when the application starts listening ({@link AppLifecycleListener#listening}) and handed back
 * with the pod's load ({@link RequestLoad.Visitor}), so each housekeeping pass reaches the serving
 * container without looking the pod up. Opaque outside the kubelet; a worker the kubelet has since
 * let go is not used.
 */
public sealed interface PodLoadTarget permits PodWorker {
}
