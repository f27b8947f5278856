package io.kubesim.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.AccessMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * k8s-semantics.md 14.4, 14.5: which volumes the attach/detach controller attaches to several
 * nodes (upstream IsMultiAttachAllowed): any ReadWriteOnce or ReadWriteOncePod mode forbids it,
 * even listed beside a Many mode.
 */
class PersistentVolumeMultiAttachTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "ReadWriteOnce, false",
            "ReadWriteOncePod, false",
            "ReadOnlyMany, true",
            "ReadWriteMany, true",
            "ReadWriteOnce ReadOnlyMany, false",
            "ReadWriteMany ReadWriteOnce, false",
            "ReadOnlyMany ReadWriteMany, true"})
    void multiAttachAllowed(String modes, boolean allowed) {
        List<AccessMode> list = new ArrayList<>();
        for (String m : modes.split(" ")) {
            list.add(AccessMode.ofApiName(m).orElseThrow());
        }
        PersistentVolume pv = new PersistentVolume(new ObjectMeta("", "pv-1", "uid-1"), 1L << 30, list, "std",
                "Retain", List.of(), "", false, true);
        assertEquals(allowed, pv.multiAttachAllowed());
    }
}
