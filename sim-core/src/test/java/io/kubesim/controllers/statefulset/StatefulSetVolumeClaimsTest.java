package io.kubesim.controllers.statefulset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.kubesim.api.AccessMode;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.api.VolumeClaimTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.PersistentVolumeClaim;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.controllers.volume.PersistentVolumeClaims;
import io.kubesim.engine.Simulation;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * {@link StatefulSetVolumeClaims} against the cluster store (k8s-semantics.md 11.2, 11.4): what
 * the whole-engine runs of StatefulSetClaimsRunTest cannot easily reach.
 */
class StatefulSetVolumeClaimsTest {
    private final ClusterStore store = new ClusterStore(new Simulation(1));
    private final StatefulSetVolumeClaims claims = new StatefulSetVolumeClaims(store);

    private StatefulSet web(PersistentVolumeClaimRetentionPolicy retention) {
        VolumeClaimTemplate data = new VolumeClaimTemplate("data", Map.of(), "", List.of("ReadWriteOnce"), 1L << 30);
        return new StatefulSet(new ObjectMeta("default", "web", store.newUid()), LabelSelector.of(Map.of("app", "web")),
                new PodTemplate(Map.of("app", "web"), Map.of(), PodSpec.of(List.of())), 3,
                PodManagementPolicy.ORDERED_READY, StatefulSetUpdateStrategy.DEFAULT, 0, 10, "web", 0, retention,
                List.of(data));
    }

    private PersistentVolumeClaim claim(String name) {
        return store.persistentVolumeClaims().get("default", name);
    }

    @Test
    @DisplayName("11.2: a claim being deleted blocks the pod with \"pvc <name> is being deleted\"; an existing one is reused")
    void deletingClaimBlocksThePod() {
        StatefulSet web = web(PersistentVolumeClaimRetentionPolicy.RETAIN);
        assertEquals(List.of(new StatefulSetClaims.ClaimOutcome("data-web-0", null)),
                claims.createMissing(web, 0, "web-0"));
        assertEquals(List.of(), claims.createMissing(web, 0, "web-0"), "reused as it is");
        PersistentVolumeClaim c = claim("data-web-0");
        c.metadata().markDeleting(store.now(), 0);
        store.persistentVolumeClaims().update(c);
        assertEquals(List.of(new StatefulSetClaims.ClaimOutcome("data-web-0", "pvc data-web-0 is being deleted")),
                claims.createMissing(web, 0, "web-0"));
    }

    @Test
    @DisplayName("11.4: whenDeleted: Delete deletes every ordinal's claim of the set's templates, and only those")
    void whenDeletedDelete() {
        StatefulSet web = web(new PersistentVolumeClaimRetentionPolicy(true, false));
        for (int i = 0; i < 3; i++) {
            claims.createMissing(web, i, "web-" + i);
        }
        PersistentVolumeClaims.create(store, "default", "data-web-extra", Map.of(), "",
                List.of(AccessMode.READ_WRITE_ONCE), 1L << 30, null);
        claims.setDeleted(web);
        for (int i = 0; i < 3; i++) {
            assertNull(claim("data-web-" + i));
        }
        assertNotNull(claim("data-web-extra"), "not <template>-<set>-<ordinal>");
    }

    @Test
    @DisplayName("11.4: with Retain/Retain nothing is deleted")
    void retainKeepsClaims() {
        StatefulSet web = web(PersistentVolumeClaimRetentionPolicy.RETAIN);
        claims.createMissing(web, 0, "web-0");
        claims.condemned(web, 0, null);
        claims.setDeleted(web);
        assertNotNull(claim("data-web-0"));
    }
}
