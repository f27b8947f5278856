package io.kubesim.controllers.daemonset;

import io.kubesim.api.TaintEffect;
import io.kubesim.api.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * The tolerations every daemon pod gets (k8s-semantics.md 12.3, AddOrUpdateDaemonPodTolerations):
 * operator Exists, no tolerationSeconds, for not-ready and unreachable (NoExecute), the pressure
 * conditions and unschedulable (NoSchedule), and network-unavailable (NoSchedule) for
 * {@code hostNetwork} pods. So daemon pods land on cordoned and pressured nodes and are never
 * evicted when their node goes NotReady.
 */
public final class DaemonPodTolerations {
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String DISK_PRESSURE = "node.kubernetes.io/disk-pressure";
    public static final String MEMORY_PRESSURE = "node.kubernetes.io/memory-pressure";
    public static final String PID_PRESSURE = "node.kubernetes.io/pid-pressure";
    public static final String UNSCHEDULABLE = "node.kubernetes.io/unschedulable";
    public static final String NETWORK_UNAVAILABLE = "node.kubernetes.io/network-unavailable";

    private static final List<Toleration> ALWAYS = List.of(
            exists(NOT_READY, TaintEffect.NO_EXECUTE), exists(UNREACHABLE, TaintEffect.NO_EXECUTE),
            exists(DISK_PRESSURE, TaintEffect.NO_SCHEDULE), exists(MEMORY_PRESSURE, TaintEffect.NO_SCHEDULE),
            exists(PID_PRESSURE, TaintEffect.NO_SCHEDULE), exists(UNSCHEDULABLE, TaintEffect.NO_SCHEDULE));
    private static final Toleration HOST_NETWORK = exists(NETWORK_UNAVAILABLE, TaintEffect.NO_SCHEDULE);

    private DaemonPodTolerations() {
    }

    /**
     * The template's tolerations with the daemon ones added; one the template already has with the
     * same key, operator and effect is replaced in place (AddOrUpdateTolerationInPodSpec), so a
     * template's {@code not-ready} toleration with tolerationSeconds loses its limit.
     */
    public static List<Toleration> addTo(List<Toleration> tolerations, boolean hostNetwork) {
        List<Toleration> out = new ArrayList<>(tolerations);
        for (Toleration t : ALWAYS) {
            addOrUpdate(out, t);
        }
        if (hostNetwork) {
            addOrUpdate(out, HOST_NETWORK);
        }
        return out;
    }

    private static void addOrUpdate(List<Toleration> list, Toleration t) {
        for (int i = 0; i < list.size(); i++) {
            Toleration x = list.get(i);
            if (x.key().equals(t.key()) && x.exists() == t.exists() && x.effect() == t.effect()
                    && x.value().equals(t.value())) {
                list.set(i, t);
                return;
            }
        }
        list.add(t);
    }

    private static Toleration exists(String key, TaintEffect effect) {
        return new Toleration(key, true, "", effect, null);
    }
}
