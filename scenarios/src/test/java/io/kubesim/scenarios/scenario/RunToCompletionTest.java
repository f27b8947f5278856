package io.kubesim.scenarios.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.Job;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.ScenarioLoader;
import io.kubesim.sim.ClusterSimulation;
import io.kubesim.sim.SimulationSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code applications.<workload>.runTime} and {@code failureProbability} (run-to-completion
 * containers, as a Job's) and the scenario's {@code startTime}: how they are read, what they do,
 * and the located errors for bad values.
 */
class RunToCompletionTest {
    static final String MANIFESTS = """
            apiVersion: batch/v1
            kind: Job
            metadata: {name: etl}
            spec:
              completions: 3
              template:
                spec:
                  restartPolicy: Never
                  containers:
                    - {name: extract, image: "etl:1"}
                    - {name: upload, image: "etl:1"}
                  initContainers:
                    - {name: proxy, image: "proxy:1", restartPolicy: Always}
            """;

    /** Line 13 is "etl:", 14 its runTime, 15 its failureProbability, 17 upload's entry. */
    static final String SCENARIO = """
            apiVersion: kubesim.io/v1alpha1
            kind: Scenario
            metadata:
              name: batch
            duration: 5m
            startTime: 2026-06-01T12:00:00+02:00
            manifests: [m.yaml]
            cluster:
              nodePools:
                - {name: pool, count: 1, allocatable: {cpu: "4", memory: 8Gi}}
            applications:
              default: {}
              etl:
                runTime: 20s
                failureProbability: 0
                containers:
                  upload: {runTime: 25s}
            """;

    @TempDir
    Path dir;

    @BeforeEach
    void writeManifest() throws Exception {
        Files.writeString(dir.resolve("m.yaml"), MANIFESTS);
    }

    private SimulationSpec load(String text) {
        try {
            Path file = dir.resolve("s.yaml");
            Files.writeString(file, text);
            return ScenarioLoader.load(file).value();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    @DisplayName("runTime by workload and by container; the default model has none (containers run until stopped)")
    void read() {
        SimulationSpec spec = load(SCENARIO);
        ApplicationModel etl = spec.applications().get("etl");
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(20)), etl.runTimeOf("extract"));
        assertEquals(new DurationDistribution.Constant(SimTime.seconds(25)), etl.runTimeOf("upload"));
        assertEquals(0.0, etl.failureProbabilityOf("upload"));
        assertNull(spec.defaultApplication().runTime());
        assertEquals(1_780_308_000L, spec.startTime(), "2026-06-01T10:00:00Z");
    }

    @Test
    @DisplayName("a Job whose containers run 20 s and 25 s completes its 3 completions; the sidecar does not hold it up")
    void jobCompletes() {
        ClusterSimulation sim = new ClusterSimulation(load(SCENARIO), ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(5));
        Job job = sim.store().jobs().get("default/etl");
        assertTrue(job.isComplete(), job.conditions().toString());
        assertEquals(3, job.succeeded());
    }

    @Test
    @DisplayName("without runTime a Job's pods run forever: the Job never completes (no failure invented either)")
    void noRunTimeRunsForever() {
        ClusterSimulation sim = new ClusterSimulation(load(SCENARIO.substring(0, SCENARIO.indexOf("applications:"))),
                ClusterSimulation.Options.IN_MEMORY);
        sim.run(SimTime.minutes(5));
        Job job = sim.store().jobs().get("default/etl");
        assertEquals(1, job.active());
        assertEquals(0, job.failed());
        assertTrue(!job.isFinished());
    }

    @Test
    @DisplayName("a Job whose containers get no runTime: a warning at the Job says its pods run until the end")
    void warnsWithoutRunTime() throws Exception {
        Path file = dir.resolve("s.yaml");
        Files.writeString(file, SCENARIO.substring(0, SCENARIO.indexOf("applications:")));
        var warnings = ScenarioLoader.load(file).warnings();
        assertEquals(1, warnings.stream().filter(w -> w.message().equals("Job etl: the scenario gives its containers "
                + "no run time, so its pods run until the end of the scenario and the Job never completes; set "
                + "applications.etl.runTime")).count(), warnings.toString());
        Files.writeString(file, SCENARIO);
        assertTrue(ScenarioLoader.load(file).warnings().stream().noneMatch(w -> w.message().contains("no run time")));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("probability above 1", SCENARIO.replace("failureProbability: 0", "failureProbability: 1.5"),
                        15, 25, "expected a probability from 0 to 1, got 1.5"),
                Arguments.of("runTime on a sidecar", SCENARIO.replace("upload: {runTime: 25s}", "proxy: {runTime: 25s}"),
                        17, 15, "runTime is for app containers that run to completion; \"proxy\" is a sidecar "
                                + "(restartable init container)"),
                Arguments.of("startTime not RFC 3339", SCENARIO.replace("2026-06-01T12:00:00+02:00", "June 1st"), 6, 12,
                        "expected an RFC 3339 time such as 2026-01-01T00:00:00Z, got \"June 1st\""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    void badValuesAreLocated(String name, String text, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(text));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }
}
