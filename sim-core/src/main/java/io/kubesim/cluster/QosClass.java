package io.kubesim.cluster;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.Resources;
import java.util.ArrayList;
import java.util.List;

/** The pod QoS class (k8s-semantics.md 4.4, qos.go ComputePodQOS). */
public enum QosClass {
    GUARANTEED("Guaranteed"), BURSTABLE("Burstable"), BEST_EFFORT("BestEffort");

    private final String wireName;

    QosClass(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    /**
     * Only cpu and memory count and zero quantities are ignored. BestEffort: no container (init
     * included) has a cpu or memory request or limit. Guaranteed: every container has cpu and
     * memory limits and requests equal to them (requests were defaulted from limits when read).
     */
    public static QosClass of(PodSpec spec) {
        List<Container> all = new ArrayList<>(spec.initContainers());
        all.addAll(spec.containers());
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : all) {
            Resources req = c.requests();
            Resources lim = c.limits();
            if (req.cpuMillis() > 0 || req.memoryBytes() > 0 || lim.cpuMillis() > 0 || lim.memoryBytes() > 0) {
                any = true;
            }
            if (lim.cpuMillis() <= 0 || lim.memoryBytes() <= 0
                    || req.cpuMillis() != lim.cpuMillis() || req.memoryBytes() != lim.memoryBytes()) {
                guaranteed = false;
            }
        }
        if (!any) {
            return BEST_EFFORT;
        }
        return guaranteed ? GUARANTEED : BURSTABLE;
    }
}
