package io.kubesim.scheduler.plugins;

import io.kubesim.api.PodVolume;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.Pod;
import io.kubesim.scheduler.framework.CycleState;
import io.kubesim.scheduler.framework.FilterPlugin;
import io.kubesim.scheduler.framework.NodeInfo;
import io.kubesim.scheduler.framework.PodInfo;
import io.kubesim.scheduler.framework.PreFilterPlugin;
import io.kubesim.scheduler.framework.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The VolumeZone plugin (volumezone/volume_zone.go, k8s-semantics.md 14.3): the zone and region
 * <em>labels</em> of a bound PersistentVolume (as older in-tree volumes carry them; a value may
 * list several zones joined by {@code __}) must match the node's. A node with none of those labels
 * passes. Unbound claims are left to VolumeBinding. PreFilter skips pods whose bound volumes have
 * no such label.
 */
public final class VolumeZone implements PreFilterPlugin, FilterPlugin {
    public static final String NAME = "VolumeZone";
    public static final String ERR_REASON_CONFLICT = "node(s) had no available volume zone";

    /** The topology labels compared, the GA ones first (upstream topologyLabels). */
    private static final List<String> TOPOLOGY_LABELS = List.of(PersistentVolume.LEGACY_ZONE_LABEL,
            Node.LABEL_ZONE, PersistentVolume.LEGACY_REGION_LABEL, Node.LABEL_REGION);
    private static final Status CONFLICT = Status.unresolvable(NAME, ERR_REASON_CONFLICT);
    private static final CycleState.Key<List<Topology>> KEY = new CycleState.Key<>(NAME);

    /** One label of a bound volume and the values it allows. */
    record Topology(String key, Set<String> values) {
    }

    private final ClusterStore store;

    public VolumeZone(ClusterStore store) {
        this.store = store;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, PodInfo pod) {
        Pod p = pod.pod();
        if (!p.spec().hasClaims()) {
            return Status.SKIP;
        }
        List<Topology> topologies = new ArrayList<>();
        for (PodVolume v : p.spec().volumes()) {
            PersistentVolumeClaim c = store.persistentVolumeClaims().get(p.namespace(), v.claimName());
            if (c == null || !c.isBound()) {
                continue;
            }
            PersistentVolume pv = store.persistentVolumes().get(c.volumeName());
            if (pv == null) {
                continue;
            }
            for (String key : TOPOLOGY_LABELS) {
                String value = pv.metadata().labels().get(key);
                if (value != null) {
                    topologies.add(new Topology(key, Set.of(value.split("__"))));
                }
            }
        }
        if (topologies.isEmpty()) {
            return Status.SKIP;
        }
        state.put(KEY, topologies);
        return Status.SUCCESS;
    }

    @Override
    public Status filter(CycleState state, PodInfo pod, NodeInfo node) {
        List<Topology> topologies = state.get(KEY);
        if (topologies == null) {
            return Status.SUCCESS;
        }
        Map<String, String> labels = node.node().labels();
        boolean hasZoneLabels = false;
        for (String key : TOPOLOGY_LABELS) {
            hasZoneLabels |= labels.containsKey(key);
        }
        if (!hasZoneLabels) {
            return Status.SUCCESS;
        }
        for (Topology t : topologies) {
            String v = labels.get(t.key());
            if (v == null) {
                v = labels.get(toGa(t.key()));
            }
            if (v == null || !t.values().contains(v)) {
                return CONFLICT;
            }
        }
        return Status.SUCCESS;
    }

    private static String toGa(String key) {
        return switch (key) {
            case PersistentVolume.LEGACY_ZONE_LABEL -> Node.LABEL_ZONE;
            case PersistentVolume.LEGACY_REGION_LABEL -> Node.LABEL_REGION;
            default -> key;
        };
    }
}
