package io.kubesim.testing;

import io.kubesim.api.ServicePort;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ConditionStatus;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodPhase;
import io.kubesim.cluster.Service;
import java.util.List;
import java.util.Map;

/**
 * Sets a stored pod's status the way the kubelet would and writes it to the store, for tests of
 * what watches pods (endpoints, load balancers) without running kubelets.
 */
public final class PodStates {
    private PodStates() {
    }

    /** Running with an IP, Ready or not. */
    public static Pod running(ClusterStore store, Pod pod, String ip, boolean ready) {
        pod.setPodIP(ip);
        pod.setPhase(PodPhase.RUNNING);
        pod.readyCondition().set(ConditionStatus.of(ready), ready ? "" : "ContainersNotReady", "", store.now());
        store.pods().update(pod);
        return pod;
    }

    /** Changes the Ready condition, as a readiness probe flip does. */
    public static void ready(ClusterStore store, Pod pod, boolean ready) {
        pod.readyCondition().set(ConditionStatus.of(ready), ready ? "" : "ContainersNotReady", "", store.now());
        store.pods().update(pod);
    }

    /** Sets a terminal phase (Succeeded or Failed); a terminal pod is never Ready. */
    public static void terminal(ClusterStore store, Pod pod, PodPhase phase) {
        pod.setPhase(phase);
        pod.readyCondition().set(ConditionStatus.FALSE, "PodCompleted", "", store.now());
        store.pods().update(pod);
    }

    /** Relabels the pod. */
    public static void labels(ClusterStore store, Pod pod, Map<String, String> labels) {
        pod.metadata().setLabels(labels);
        store.pods().update(pod);
    }

    /**
     * One random write to a pod's life, for churn tests: 0 flips Ready, 1 starts a graceful deletion,
     * 2 removes it from the store, 3 ends it (Succeeded or Failed) one time in three. A pod no longer
     * stored is only ever removed again (a no-op).
     */
    public static void lifecycleStep(ClusterStore store, Pod pod, int which, java.util.Random rnd) {
        boolean live = store.pods().contains(pod);
        switch (which) {
            case 0 -> {
                if (live) {
                    ready(store, pod, rnd.nextBoolean());
                }
            }
            case 1 -> {
                if (live && !pod.metadata().isDeleting()) {
                    store.deletePod(pod, 30L);
                }
            }
            case 2 -> store.pods().remove(pod);
            default -> {
                if (live && rnd.nextInt(3) == 0) {
                    terminal(store, pod, rnd.nextBoolean() ? PodPhase.SUCCEEDED : PodPhase.FAILED);
                }
            }
        }
    }

    /** A Service in {@code default} selecting {@code selector}, with the given ports. */
    public static Service service(String name, Map<String, String> selector, boolean publishNotReadyAddresses,
                                  ServicePort... ports) {
        return new Service(new ObjectMeta("default", name, "uid-default-" + name), selector, List.of(ports),
                "ClusterIP", false, publishNotReadyAddresses);
    }

    /** {@code port -> targetPort} over TCP. */
    public static ServicePort port(String name, int port, String targetPort) {
        return new ServicePort(name, port, targetPort, "TCP", 0);
    }
}
