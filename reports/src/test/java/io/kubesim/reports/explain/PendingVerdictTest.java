package io.kubesim.reports.explain;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What would let a Pending pod schedule, worked out from one failed attempt as scheduling.jsonl
 * records it: the filter verdicts in upstream's words (k8s-semantics.md 3.4), the pod's request and
 * the room of each node NodeResourcesFit rejected (Fit compares the request with allocatable minus
 * what the node's pods request).
 */
class PendingVerdictTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long GI = 1L << 30;

    /** A failed attempt: the pod's request, and per node {name, plugin, reason, cpu alloc, cpu used, mem alloc, mem used}. */
    private static JsonNode attempt(long cpu, long memory, Object[]... nodes) {
        ObjectNode s = JSON.createObjectNode();
        s.put("result", "FailedScheduling");
        ArrayNode filtered = s.putArray("filtered");
        ArrayNode room = JSON.createArrayNode();
        for (Object[] n : nodes) {
            ObjectNode f = filtered.addObject();
            f.put("node", (String) n[0]);
            f.put("plugin", (String) n[1]);
            f.putArray("reasons").add((String) n[2]);
            if (n.length > 3) {
                ObjectNode r = room.addObject();
                r.put("node", (String) n[0]);
                r.putObject("allocatable").put("cpuMillis", (long) n[3]).put("memoryBytes", (long) n[5]);
                r.putObject("requested").put("cpuMillis", (long) n[4]).put("memoryBytes", (long) n[6]);
            }
        }
        s.putObject("request").put("cpuMillis", cpu).put("memoryBytes", memory);
        s.set("room", room);
        return s;
    }

    private static Object[] fit(String node, String reason, long cpuAlloc, long cpuUsed, long memAlloc, long memUsed) {
        return new Object[] {node, "NodeResourcesFit", reason, cpuAlloc, cpuUsed, memAlloc, memUsed};
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("every node has 2 of 2 cpu free, the pod asks 3: a smaller request or a bigger node",
                        attempt(3000, GI, fit("n1", "Insufficient cpu", 2000, 0, 8 * GI, 0),
                                fit("n2", "Insufficient cpu", 2000, 0, 8 * GI, 0)),
                        "  on n1, n2 (NodeResourcesFit: Insufficient cpu): requests of at most cpu 2 (now 3); "
                                + "or a node with 3 cpu and 1Gi memory allocatable beyond what its pods request"),
                Arguments.of("the node with the most room is named when the others have less",
                        attempt(2000, GI, fit("n1", "Insufficient cpu", 4000, 3500, 8 * GI, 0),
                                fit("n2", "Insufficient cpu", 4000, 2500, 8 * GI, 0)),
                        "  on n1, n2 (NodeResourcesFit: Insufficient cpu): requests of at most cpu 1500m (now 2), "
                                + "which would fit n2; or a node with 2 cpu and 1Gi memory allocatable beyond what its "
                                + "pods request"),
                Arguments.of("full nodes: no request fits, only a node with room would",
                        attempt(1000, GI, fit("n1", "Insufficient cpu", 4000, 4000, 8 * GI, 0)),
                        "  on n1 (NodeResourcesFit: Insufficient cpu): a node with 1 cpu and 1Gi memory allocatable "
                                + "beyond what its pods request"),
                Arguments.of("cpu and memory both short",
                        attempt(3000, 6 * GI, fit("n1", "Insufficient cpu", 2000, 0, 4 * GI, 0)),
                        "  on n1 (NodeResourcesFit: Insufficient cpu): requests of at most cpu 2 (now 3) and memory "
                                + "4Gi (now 6Gi); or a node with 3 cpu and 6Gi memory allocatable beyond what its pods "
                                + "request"),
                Arguments.of("a tainted node needs a toleration",
                        attempt(1000, GI, new Object[] {"gpu-1", "TaintToleration", "node(s) had untolerated taint(s)"}),
                        "  on gpu-1 (TaintToleration: node(s) had untolerated taint(s)): a toleration for the node's "
                                + "NoSchedule/NoExecute taint"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void remedies(String name, JsonNode attempt, String expected) {
        List<String> lines = PendingVerdict.remedies(attempt);
        assertEquals(List.of("What would let it schedule (each change alone, for the nodes named):", expected), lines);
    }

    @Test
    @DisplayName("a plugin without a known remedy adds nothing rather than a guess")
    void unknownPluginSaysNothing() {
        JsonNode a = attempt(1000, GI, new Object[] {"n1", "VolumeBinding", "node(s) had volume node affinity conflict"});
        assertEquals(List.of(), PendingVerdict.remedies(a));
    }

    @Test
    @DisplayName("the conclusion splits the FailedScheduling message into its filter and preemption parts (3.7)")
    void conclusion() {
        ObjectNode a = (ObjectNode) attempt(3000, GI, fit("n1", "Insufficient cpu", 2000, 0, 8 * GI, 0));
        a.put("message", "0/1 nodes are available: 1 Insufficient cpu. preemption: 0/1 nodes are available: "
                + "1 No preemption victims found for incoming pod.");
        List<String> c = PendingVerdict.conclude(a, 10, 250, 3);
        assertEquals("Pending at 4:10.0, for 4m since 0:10.0 (3 failed scheduling attempts)", c.get(0));
        assertEquals("Why: 0/1 nodes are available: 1 Insufficient cpu.", c.get(1));
        assertEquals("Preemption: 0/1 nodes are available: 1 No preemption victims found for incoming pod.", c.get(2));
    }
}
