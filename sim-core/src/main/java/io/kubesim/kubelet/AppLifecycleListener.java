package io.kubesim.kubelet;

import io.kubesim.cluster.Pod;

/**
 * Told when the application in a pod's first container changes state, so the traffic model knows
 * whether the pod accepts connections. Default methods do nothing.
 */
public interface AppLifecycleListener {
    /**
     * The application started listening (its start-up time passed).
     *
     * @param load where the pod's request load is to be reported ({@link RequestLoad.Visitor})
     */
    default void listening(Pod pod, PodLoadTarget load) {
    }

    /** The application received SIGTERM (after any preStop hook). */
    default void sigterm(Pod pod) {
    }

    /**
     * The application's process ended: it exited, crashed, or was killed.
     *
     * @param killed SIGKILL, a crash or the node's loss: requests in flight are cut off
     */
    default void stopped(Pod pod, boolean killed) {
    }

    /**
     * The application's requests are served {@code factor} times slower than its service time
     * because its container is short of CPU (throttled at its limit, or sharing a busy node); 1
     * when not. Each new process starts at 1: listeners reset the factor when the process ends
     * ({@link #stopped}, {@link #unreachable}), and the kubelet tells them again if it differs.
     */
    default void cpuSlowdown(Pod pod, double factor) {
    }

    /**
     * The pod's node went down with the application running: the process is gone, but nothing
     * answers for it (no RST), so connections to it hang until their client gives up.
     */
    default void unreachable(Pod pod) {
    }
}
