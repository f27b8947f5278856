package io.kubesim.controllers.statefulset;

import io.kubesim.cluster.Pod;
import io.kubesim.cluster.StatefulSet;
import java.util.List;

/**
 * The PersistentVolumeClaims of a StatefulSet's ordinals (k8s-semantics.md 11.2, 11.4): one claim
 * {@code <template>-<set>-<ordinal>} per {@code volumeClaimTemplates} entry, created before the pod
 * and kept or deleted by {@code persistentVolumeClaimRetentionPolicy}. The controller calls this
 * at the points upstream's stateful_pod_control.go does; where the claims live (a claim store, the
 * volume binder) is the implementation's business. {@link #NONE} models no claims: pods start as if
 * their claims were bound.
 */
public interface StatefulSetClaims {
    /** A claim created now, or refused ({@code error} non-null, the API server's message). */
    record ClaimOutcome(String claim, String error) {
        public boolean failed() {
            return error != null;
        }
    }

    /**
     * Creates the claims of {@code ordinal} that do not exist yet (an existing claim is reused as
     * it is). Called before the pod is created, and again on each sync while it is Pending.
     *
     * @return the claims created or refused now, in template order (existing ones are not listed);
     *         a refused or deleting claim keeps the pod from being created
     */
    List<ClaimOutcome> createMissing(StatefulSet set, int ordinal, String podName);

    /**
     * The pod of a condemned ordinal (scale-down) is about to be deleted: with {@code whenScaled:
     * Delete} its claims are made to go with it.
     */
    void condemned(StatefulSet set, int ordinal, Pod pod);

    /** The set was deleted: with {@code whenDeleted: Delete} its claims go with its pods. */
    void setDeleted(StatefulSet set);

    /** No claims are modelled: nothing is created, retained or deleted. */
    StatefulSetClaims NONE = new StatefulSetClaims() {
        @Override
        public List<ClaimOutcome> createMissing(StatefulSet set, int ordinal, String podName) {
            return List.of();
        }

        @Override
        public void condemned(StatefulSet set, int ordinal, Pod pod) {
        }

        @Override
        public void setDeleted(StatefulSet set) {
        }
    };
}
