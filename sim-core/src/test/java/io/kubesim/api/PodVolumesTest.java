package io.kubesim.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** A pod spec's claim volumes and how they print (the pod-template-hash reads the print). */
class PodVolumesTest {
    private static final Container APP = new Container("app", "app:1", Resources.NONE, Resources.NONE, List.of(), null,
            null, null, null, false);

    @Test
    @DisplayName("a spec without claim volumes prints as before the field existed (ReplicaSet names stay)")
    void printWithoutVolumesIsUnchanged() {
        PodSpec spec = PodSpec.of(List.of(APP));
        assertFalse(spec.toString().contains("volumes"));
        assertEquals(spec.toString(), spec.withVolumes(List.of()).toString());
        assertEquals("PodSpec[containers=" + spec.containers() + ", initContainers=[], nodeSelector={}, affinity="
                + spec.affinity() + ", tolerations=[], topologySpreadConstraints=[], priorityClassName=, priority=null, "
                + "preemptNever=false, terminationGracePeriodSeconds=30, nodeName=, schedulerName=default-scheduler, "
                + "restartPolicy=Always, overhead=" + Resources.NONE + ", hostNetwork=false]", spec.toString());
    }

    @Test
    @DisplayName("k8s-semantics.md 11: a claim template's volume replaces the same-named volume of the pod template")
    void claimVolumeReplacesTheSameName() {
        PodSpec spec = PodSpec.of(List.of(APP)).withVolumes(List.of(new PodVolume("www", "old", true),
                new PodVolume("logs", "logs", false)));
        PodSpec set = spec.withClaimVolume("www", "www-web-0");
        assertEquals(List.of(new PodVolume("logs", "logs", false), new PodVolume("www", "www-web-0", false)),
                set.volumes());
        assertEquals(List.of(AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_ONCE_POD),
                AccessMode.ofApiNames(List.of("ReadWriteOnce", "ReadWriteOncePod")));
    }
}
