package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code kubesim validate} on Argo Rollouts manifests (k8s-semantics.md 20). */
class ValidateRolloutTest {
    @TempDir
    Path tmp;

    private static final String ROLLOUT = """
            apiVersion: argoproj.io/v1alpha1
            kind: Rollout
            metadata: {name: web}
            spec:
              replicas: 4
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx}]}
              strategy:
                canary:
                  steps:
                  - setWeight: 25
                  - pause: {duration: 1m}
            """;

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    @Test
    @DisplayName("a field of the wrong type (the CRD's schema refuses it): one located error, exit 2")
    void badFieldTypeExits2() throws IOException {
        Path f = tmp.resolve("rollout.yaml");
        Files.writeString(f, ROLLOUT.replace("setWeight: 25", "setWeight: 25%"));
        CliHarness.Result r = CliHarness.run("validate", f.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out());
        assertEquals(List.of("error: " + f + ":13:20: expected an integer, got a string (\"25%\")", "1 error(s), 0 warning(s)"),
                lines(r.err()));
    }

    @Test
    @DisplayName("a valid Rollout is ok, counted by kind")
    void validRollout() throws IOException {
        Path f = tmp.resolve("rollout.yaml");
        Files.writeString(f, ROLLOUT);
        CliHarness.Result r = CliHarness.run("validate", f.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("ok: " + f + ": 1 Rollout", r.out().strip());
    }
}
