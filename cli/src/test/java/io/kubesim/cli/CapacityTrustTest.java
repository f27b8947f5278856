package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim capacity} answers that can be trusted: replicated, checked for monotonicity, explained. */
class CapacityTrustTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void theLibraryAnswerIsReplicatedMonotoneAndExplained() throws IOException {
        Path out = tmp.resolve("cap");
        CliHarness.Result r = CliHarness.run("capacity", CliHarness.library("online-boutique-capacity.yaml"),
                "--slo", "error-ratio=0.5%,p99=250ms", "--out", out.toString());
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        JsonNode cap = JSON.readTree(out.resolve("capacity.json").toFile());
        JsonNode shape = cap.at("/shapes/0");
        int answer = shape.get("nodes").asInt();
        assertEquals(3, cap.get("replications").asInt());
        // monotone around the answer: answer - 1 fails, answer and answer + 1 pass
        boolean below = true;
        boolean at = false;
        boolean above = false;
        for (JsonNode v : shape.get("verdicts")) {
            int n = v.get("nodes").asInt();
            below &= n != answer - 1 || !v.get("met").asBoolean();
            at |= n == answer && v.get("met").asBoolean();
            above |= n == answer + 1 && v.get("met").asBoolean();
        }
        assertTrue(below && at && above, shape.get("verdicts").toString());
        assertTrue(shape.get("monotonicity").isNull());
        assertTrue(shape.get("binds").asText().startsWith("at " + (answer - 1) + " nodes: a pod waited"),
                shape.get("binds").asText());
        assertTrue(r.out().contains("  binds: at " + (answer - 1) + " nodes:"), r.out());
        long replicationsAtAnswer = 0;
        for (JsonNode run : shape.get("runs")) {
            if (run.get("nodes").asInt() == answer) {
                replicationsAtAnswer++;
            }
        }
        assertEquals(3, replicationsAtAnswer, "the as-written case under 3 seeds");
    }

    @Test
    void whenACpuLimitBindsP99TheAnswerSaysSoInsteadOfAnsweringMax() {
        CliHarness.Result r = CliHarness.run("capacity",
                CliHarness.ROOT.resolve("cli/src/test/resources/capacity-cpu-limit/s.yaml").toString(),
                "--slo", "error-ratio=off,p99=100ms,pending=off", "--max", "8", "--replications", "2");
        assertEquals(ExitCodes.OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("no answer: even 8 nodes miss the SLO"), r.out());
        assertTrue(r.out().contains("adding nodes does not help: p99 "), r.out());
        assertTrue(r.out().contains("per-pod CPU limits throttle each pod however many nodes there are (api 100m)"),
                r.out());
    }
}
