/**
 * The node agent. {@link io.kubesim.kubelet.Kubelets} routes every pod bound to a node to that
 * node's {@link io.kubesim.kubelet.Kubelet}, which runs one {@link io.kubesim.kubelet.PodWorker}
 * per pod: image pulls (the {@link io.kubesim.kubelet.ImageManager} applies the pull policy and
 * the pull back-off against the scenario's {@link io.kubesim.kubelet.ImageRegistry}; pulls are
 * serialized per node, as with the kubelet's default {@code serializeImagePulls: true}), container
 * start, the Ready condition from the containers and the readiness gates, the application's start-up, probes with
 * upstream thresholds and defaults, restarts with CrashLoopBackOff, and the termination sequence
 * (preStop, SIGTERM, grace period, SIGKILL). Kubelet-side timings that upstream does not fix
 * (sandbox creation, container start) are documented estimates in {@link io.kubesim.kubelet.KubeletConfig}.
 */
package io.kubesim.kubelet;
