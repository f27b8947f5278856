package io.kubesim.controllers.daemonset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** DaemonSet revision history (k8s-semantics.md 12.6 "History", daemon_controller.go cleanupHistory). */
class DaemonSetHistoryTest {
    private static PodTemplate template(String version) {
        return new PodTemplate(Map.of("app", "agent", "version", version), Map.of(), PodSpec.of(List.of()));
    }

    private static List<String> hashes(DaemonSetHistory h) {
        List<String> out = new ArrayList<>();
        h.revisions().forEach(r -> out.add(r.hash()));
        return out;
    }

    // k8s-semantics.md 12.6: old revisions beyond revisionHistoryLimit are deleted oldest first,
    // skipping any a live pod carries. Upstream counts the number to delete over every old revision
    // (toKill = len(old) - limit), live ones included, and then skips the live ones.
    @Test
    void liveOldRevisionsTakeAPlaceInTheLimit() {
        DaemonSetHistory h = new DaemonSetHistory();
        String a = h.current(template("a"));
        String b = h.current(template("b"));
        String c = h.current(template("c"));
        String d = h.current(template("d"));
        // limit 1; old revisions a (a pod still runs it), b, c: toKill = 3 - 1 = 2 → b and c go
        h.cleanup(1, d, Set.of(a));
        assertEquals(List.of(a, d), hashes(h));
    }

    @Test
    void withinTheLimitNothingIsDeleted() {
        DaemonSetHistory h = new DaemonSetHistory();
        String a = h.current(template("a"));
        String b = h.current(template("b"));
        String c = h.current(template("c"));
        h.cleanup(2, c, Set.of());
        assertEquals(List.of(a, b, c), hashes(h));
        h.cleanup(1, c, Set.of());
        assertEquals(List.of(b, c), hashes(h));
    }
}
