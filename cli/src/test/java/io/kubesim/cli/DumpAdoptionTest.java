package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code kubectl get -o yaml} dump of a running Deployment (the Deployment with its status and
 * managedFields, its ReplicaSet with the pod-template-hash and ownerReferences, its three Pods,
 * the Service) runs exactly as the source manifests do: the owned ReplicaSet and Pods are
 * adopted by the Deployment, whose controller creates its own, and every status is ignored.
 */
class DumpAdoptionTest {
    @TempDir
    Path tmp;

    private Path run(String manifests) throws IOException {
        Path dir = tmp.resolve(manifests.replace(".yaml", ""));
        Files.createDirectories(dir);
        copy(manifests, dir.resolve(manifests));
        String scenario = resource("scenario.yaml").replace("MANIFESTS", manifests);
        Files.writeString(dir.resolve("scenario.yaml"), scenario);
        Path out = dir.resolve("out");
        CliHarness.Result r = CliHarness.run("run", dir.resolve("scenario.yaml").toString(), "--out", out.toString(), "-q");
        assertEquals(0, r.exitCode(), r.err());
        return out;
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = DumpAdoptionTest.class.getResourceAsStream("/dump/" + name)) {
            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    private static void copy(String name, Path to) throws IOException {
        Files.writeString(to, resource(name));
    }

    @Test
    @DisplayName("a dump of a running Deployment gives byte-identical outputs to its source manifests (same seed)")
    void dumpRunsAsItsSource() throws IOException {
        Path source = run("source.yaml");
        Path dump = run("dump.yaml");
        assertEquals(Files.readString(source.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""),
                Files.readString(dump.resolve("summary.json")).replaceAll("\"wallSeconds\" : [0-9.]+", ""));
        assertEquals(Files.readString(source.resolve("timeseries.csv")), Files.readString(dump.resolve("timeseries.csv")));
        assertEquals(Files.readString(source.resolve("events.jsonl")), Files.readString(dump.resolve("events.jsonl")));
        assertTrue(Files.readString(dump.resolve("events.jsonl")).contains("\"reason\":\"ScalingReplicaSet\""),
                "the rollout ran");
    }

    @Test
    @DisplayName("validate says what was adopted, at the first owned object, and loads only the owner and the Service")
    void validateReportsTheAdoption() throws IOException {
        Path f = tmp.resolve("dump.yaml");
        copy("dump.yaml", f);
        CliHarness.Result r = CliHarness.run("validate", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("1 Deployment, 1 Service"), r.out());
        assertEquals(f + ":129:5: warning: Deployment \"web\" adopts 1 ReplicaSet, 3 Pod of the input (owned objects, "
                + "as in a kubectl get -o yaml dump): its controller creates its own, so they are not run alongside it "
                + "and their status is ignored", r.err().strip());
    }
}
