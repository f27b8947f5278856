package io.kubesim.scenarios.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.CronJobSpec;
import io.kubesim.api.JobSpec;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostic;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Jobs and CronJobs as the loader reads them: API defaults (k8s-semantics.md 13.1, 13.8) and validation. */
class JobManifestsTest {
    /** A Job whose spec takes {@code specLines} (indented two spaces) before its template. */
    private static String job(String specLines, String restartPolicy) {
        return """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: train}
                spec:
                %s
                  template:
                    metadata: {labels: {app: train}}
                    spec:
                %s
                      containers: [{name: train, image: "train:1"}]
                """.formatted(specLines, restartPolicy);
    }

    private static String cronJob(String schedule, String extra) {
        return """
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: report}
                spec:
                  schedule: %s
                %s
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          restartPolicy: OnFailure
                          containers: [{name: report, image: "report:1"}]
                """.formatted(schedule, extra);
    }

    private static Loaded<List<Manifest>> load(String yaml) {
        return new ManifestLoader().loadText("m.yaml", yaml);
    }

    private static JobSpec jobSpec(String yaml) {
        return ((Manifest.JobManifest) load(yaml).value().get(0)).spec();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            neither set: both 1                 | ''                 | 1 | 1
            only parallelism: completions nil   | '  parallelism: 4' | 4 | -1
            only completions: parallelism 1     | '  completions: 5' | 1 | 5
            both                                | '  parallelism: 2\n  completions: 8' | 2 | 8
            """)
    @DisplayName("13.1: completions and parallelism defaults")
    void completionsAndParallelism(String name, String lines, int parallelism, int completions) {
        JobSpec s = jobSpec(job(lines.replace("\\n", "\n"), "      restartPolicy: Never"));
        assertEquals(parallelism, s.parallelism(), name);
        assertEquals(completions, s.completions() == null ? -1 : s.completions(), name);
    }

    @Test
    @DisplayName("13.1: backoffLimit 6, NonIndexed, not suspended, TerminatingOrFailed, no deadline or TTL")
    void otherDefaults() {
        JobSpec s = jobSpec(job("", "      restartPolicy: Never"));
        assertEquals(6, s.backoffLimit());
        assertEquals(false, s.indexed());
        assertEquals(false, s.suspend());
        assertEquals(false, s.replaceOnlyFailed());
        assertNull(s.activeDeadlineSeconds());
        assertNull(s.ttlSecondsAfterFinished());
        assertEquals("Never", s.template().spec().restartPolicy());
    }

    @Test
    @DisplayName("13.1, 13.5: backoffLimitPerIndex makes the default backoffLimit MaxInt32 (and is warned about as "
            + "not simulated); podFailurePolicy is read and makes podReplacementPolicy Failed")
    void perIndexAndFailurePolicy() {
        Loaded<List<Manifest>> r = load(job(String.join("\n", "  completionMode: Indexed", "  completions: 3",
                "  backoffLimitPerIndex: 1", "  podFailurePolicy:",
                "    rules: [{action: FailJob, onExitCodes: {operator: In, values: [42]}}]"), "      restartPolicy: Never"));
        JobSpec s = ((Manifest.JobManifest) r.value().get(0)).spec();
        assertEquals(Integer.MAX_VALUE, s.backoffLimit());
        assertTrue(s.replaceOnlyFailed());
        assertTrue(s.indexed());
        assertEquals(List.of(new io.kubesim.api.PodFailureRule("FailJob", "", "In", List.of(42), java.util.Map.of())),
                s.podFailurePolicy());
        List<String> w = r.warnings().stream().map(Diagnostic::format).toList();
        assertTrue(w.stream().anyMatch(m -> m.contains("spec.backoffLimitPerIndex: not simulated")), w.toString());
    }

    @Test
    @DisplayName("13.8: CronJob defaults: Allow, history 3 and 1, no deadline, not suspended; the jobTemplate's Job defaults")
    void cronJobDefaults() {
        Manifest.CronJobManifest m = (Manifest.CronJobManifest) load(cronJob("\"*/5 * * * *\"", "")).value().get(0);
        CronJobSpec s = m.spec();
        assertEquals("Allow", s.concurrencyPolicy());
        assertEquals(3, s.successfulJobsHistoryLimit());
        assertEquals(1, s.failedJobsHistoryLimit());
        assertNull(s.startingDeadlineSeconds());
        assertEquals("", s.timeZone());
        assertEquals(6, s.job().backoffLimit());
        assertEquals(1, s.job().completions());
    }

    @Test
    @DisplayName("batch/v1beta1 CronJob loads with a deprecation warning")
    void v1beta1() {
        Loaded<List<Manifest>> r = load(cronJob("\"@hourly\"", "").replace("batch/v1", "batch/v1beta1"));
        assertTrue(r.value().get(0) instanceof Manifest.CronJobManifest);
        assertTrue(r.warnings().get(0).message().contains("was removed in Kubernetes 1.25; use batch/v1"));
    }

    static Stream<Arguments> bad() {
        return Stream.of(
                Arguments.of("schedule with 4 fields", cronJob("\"* * * *\"", ""), 5, 13,
                        "invalid schedule \"* * * *\": expected exactly 5 fields, found 4: * * * *"),
                Arguments.of("minute out of range", cronJob("\"61 * * * *\"", ""), 5, 13,
                        "invalid schedule \"61 * * * *\": end of range (61) above maximum (59): 61"),
                Arguments.of("unknown descriptor", cronJob("\"@fortnightly\"", ""), 5, 13,
                        "invalid schedule \"@fortnightly\": unrecognized descriptor: @fortnightly"),
                Arguments.of("TZ in the schedule", cronJob("\"TZ=Europe/Berlin 0 * * * *\"", ""), 5, 13,
                        "invalid schedule \"TZ=Europe/Berlin 0 * * * *\": cannot use TZ or CRON_TZ in schedule, use "
                                + "timeZone field instead"),
                Arguments.of("unknown time zone", cronJob("\"@daily\"", "  timeZone: Mars/Olympus"), 6, 13,
                        "unknown time zone \"Mars/Olympus\": expected an IANA name such as Etc/UTC or Europe/Berlin"),
                Arguments.of("concurrencyPolicy", cronJob("\"@daily\"", "  concurrencyPolicy: Queue"), 6, 22,
                        "expected Allow, Forbid or Replace, got \"Queue\""),
                Arguments.of("Job without restartPolicy", job("", ""), 8, 5,
                        "spec.template.spec.restartPolicy is required for a Job: valid values: \"OnFailure\", \"Never\""),
                Arguments.of("Job with restartPolicy Always", job("", "      restartPolicy: Always"), 9, 22,
                        "unsupported value \"Always\" for a Job: supported values: \"OnFailure\", \"Never\""),
                Arguments.of("Indexed with parallelism but no completions",
                        job("  completionMode: Indexed\n  parallelism: 2", "      restartPolicy: Never"),
                        4, 1, "completions is required when completionMode is Indexed"),
                Arguments.of("podFailurePolicy with OnFailure", job("  podFailurePolicy:\n    rules: [{action: Ignore, "
                        + "onPodConditions: [{type: DisruptionTarget}]}]", "      restartPolicy: OnFailure"), 5, 3,
                        "only restartPolicy \"Never\" is supported when podFailurePolicy is specified, got \"OnFailure\""),
                Arguments.of("podFailurePolicy In 0", job("  podFailurePolicy:\n    rules: [{action: FailJob, "
                        + "onExitCodes: {operator: In, values: [0, 3]}}]", "      restartPolicy: Never"), 6, 67,
                        "must not be 0 for the In operator"),
                Arguments.of("negative backoffLimit", job("  backoffLimit: -1", "      restartPolicy: Never"), 5, 17,
                        "must be greater than or equal to 0, got -1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("bad")
    @DisplayName("what the API server refuses is one located error")
    void refused(String name, String yaml, int line, int column, String message) {
        InputException e = assertThrows(InputException.class, () -> load(yaml));
        assertEquals(message, e.detail(), e.format());
        assertEquals(line, e.line(), e.format());
        assertEquals(column, e.column(), e.format());
    }

    @Test
    @DisplayName("pods and Jobs of a kubectl get dump are adopted by their Job and CronJob, not run twice")
    void adoption() {
        String yaml = cronJob("\"@hourly\"", "").replace("metadata: {name: report}",
                "metadata: {name: report, uid: c1}") + """
                ---
                apiVersion: batch/v1
                kind: Job
                metadata:
                  name: report-29453820
                  uid: j1
                  ownerReferences: [{apiVersion: batch/v1, kind: CronJob, name: report, uid: c1, controller: true}]
                spec:
                  template:
                    spec:
                      restartPolicy: OnFailure
                      containers: [{name: report, image: "report:1"}]
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: report-29453820-abcde
                  ownerReferences: [{apiVersion: batch/v1, kind: Job, name: report-29453820, uid: j1, controller: true}]
                spec:
                  restartPolicy: OnFailure
                  containers: [{name: report, image: "report:1"}]
                """;
        Loaded<List<Manifest>> r = load(yaml);
        assertEquals(List.of("CronJob"), r.value().stream().map(Manifest::kind).toList());
        assertTrue(r.warnings().stream().anyMatch(w -> w.message().startsWith("CronJob \"report\" adopts 1 Job, 1 Pod")),
                r.warnings().toString());
    }
}
