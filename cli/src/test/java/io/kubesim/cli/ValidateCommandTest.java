package io.kubesim.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kubesim validate}: every located error and warning of every input in one pass, sorted by
 * file, line and column and capped; exit 2 when there is any error. Scenario or manifest is
 * decided from the parsed document ({@code kind: Scenario}), so JSON works like YAML.
 */
class ValidateCommandTest {
    @TempDir
    Path tmp;

    private Path write(String name, String text) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, text);
        return p;
    }

    private static List<String> lines(String s) {
        return Arrays.stream(s.split("\n")).filter(l -> !l.isBlank()).toList();
    }

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec: {containers: [{name: web, image: nginx, ports: [{containerPort: 8080}]}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: web}
            spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
            """;

    @Test
    @DisplayName("several errors and warnings in two files: all listed in one pass, sorted by place, exit 2")
    void everyErrorAndWarningInOnePass() throws IOException {
        Path b = write("b.yaml", """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec: {ports: [{port: 70000}], selector: {app: s}}
                ---
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: db}
                ---
                apiVersion: v1
                kind: Pod
                metadata: {name: p}
                spec: {containers: [{name: c, image: i, resources: {limits: {cpu: lots}}}], nodeSelectr: {}}
                """);
        Path a = write("a.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: a}\nspec: {replicas: -1}\n");
        CliHarness.Result r = CliHarness.run("validate", b.toString(), a.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertEquals("", r.out(), "nothing is ok");
        List<String> err = lines(r.err());
        assertEquals(6, err.size(), r.err());
        assertTrue(err.get(0).startsWith("error: " + a + ":4:"), err.get(0));
        assertTrue(err.get(1).startsWith("error: " + b + ":4:23: port must be between 1 and 65535"), err.get(1));
        assertEquals(b + ":7:1: warning: not simulated (yet): 1 ConfigMap", err.get(2));
        assertTrue(err.get(3).startsWith("error: " + b + ":13:67: invalid quantity \"lots\""), err.get(3));
        assertTrue(err.get(4).startsWith(b + ":13:77: warning: unknown field \"spec.nodeSelectr\""), err.get(4));
        assertEquals("3 error(s), 2 warning(s)", err.get(5));
        assertFalse(r.err().contains("Exception"), r.err());
    }

    @Test
    @DisplayName("what only admission refuses (a scenario) is listed with the load errors of the other files")
    void admissionErrorsJoinTheList() throws IOException {
        write("pod.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n"
                + "spec: {priorityClassName: nope, containers: [{name: c, image: i}]}\n");
        Path s = write("s.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nduration: 1m\n"
                + "manifests: [pod.yaml]\ncluster: {nodePools: [{name: p, count: 1, allocatable: {cpu: \"4\", memory: 8Gi}}]}\n");
        Path bad = write("z.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"
                + "spec: {ports: [{port: 0}], selector: {app: s}}\n");
        write("web.yaml", DEPLOYMENT);
        Path good = write("good.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: good}\n"
                + "duration: 1m\nmanifests: [web.yaml]\n"
                + "cluster: {nodePools: [{name: p, count: 1, allocatable: {cpu: \"4\", memory: 8Gi}}]}\n");
        CliHarness.Result r = CliHarness.run("validate", s.toString(), bad.toString(), good.toString());
        assertTrue(r.out().startsWith("ok: " + good + ": scenario good: 1 Deployment, 1 Service"),
                "what loaded is still said to be ok: " + r.out());
        assertEquals(2, r.exitCode(), r.err());
        List<String> err = lines(r.err());
        assertEquals(3, err.size(), r.err());
        assertTrue(err.get(0).startsWith("error: " + tmp.resolve("pod.yaml") + ":"), err.get(0));
        assertTrue(err.get(0).contains("nope"), err.get(0));
        assertTrue(err.get(1).startsWith("error: " + bad + ":4:"), err.get(1));
        assertEquals("2 error(s), 0 warning(s)", err.get(2));
    }

    @Test
    @DisplayName("a thousand errors: the first 50 by place, then how many more")
    void theListIsCapped() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 1000; i++) {
            sb.append("---\napiVersion: v1\nkind: Service\nmetadata: {name: s").append(i)
                    .append("}\nspec: {ports: [{port: 0}], selector: {app: s}}\n");
        }
        Path m = write("many.yaml", sb.toString());
        CliHarness.Result r = CliHarness.run("validate", m.toString());
        assertEquals(2, r.exitCode());
        List<String> err = lines(r.err());
        assertEquals(Findings.MAX_LISTED + 2, err.size());
        assertTrue(err.get(0).startsWith("error: " + m + ":5:"), err.get(0));
        assertTrue(err.get(Findings.MAX_LISTED - 1).startsWith("error: " + m + ":" + (5 * Findings.MAX_LISTED) + ":"),
                err.get(Findings.MAX_LISTED - 1));
        assertEquals("... and 950 more (950 error(s), 0 warning(s)) not shown", err.get(Findings.MAX_LISTED));
        assertEquals("1000 error(s), 0 warning(s)", err.get(Findings.MAX_LISTED + 1));
    }

    @Test
    @DisplayName("run stops on the same errors with exit 2, lists them all, and writes nothing")
    void runListsEveryManifestErrorAndWritesNothing() throws IOException {
        write("m.yaml", "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n"
                + "spec: {ports: [{port: 0}], selector: {app: a}}\n---\n"
                + "apiVersion: v1\nkind: Service\nmetadata: {name: b}\n"
                + "spec: {ports: [{port: -1}], selector: {app: b}}\n");
        Path s = write("s.yaml", "apiVersion: kubesim.io/v1alpha1\nkind: Scenario\nmetadata: {name: x}\nduration: 1m\n"
                + "manifests: [m.yaml]\ncluster: {nodePools: [{name: p, count: 1, allocatable: {cpu: \"4\", memory: 8Gi}}]}\n");
        Path out = tmp.resolve("out");
        CliHarness.Result r = CliHarness.run("run", s.toString(), "--out", out.toString());
        assertEquals(2, r.exitCode(), r.err());
        List<String> err = lines(r.err());
        assertEquals(2, err.size(), r.err());
        assertTrue(err.get(0).startsWith("error: " + tmp.resolve("m.yaml") + ":4:"), err.get(0));
        assertTrue(err.get(1).startsWith("error: " + tmp.resolve("m.yaml") + ":9:"), err.get(1));
        assertFalse(Files.exists(out.resolve("summary.json")));
    }

    @Test
    @DisplayName("a JSON scenario is recognised from its kind, and validates like the YAML one")
    void jsonScenario() throws IOException {
        write("web.yaml", DEPLOYMENT);
        Path s = write("scenario.json", """
                {
                  "apiVersion": "kubesim.io/v1alpha1",
                  "kind": "Scenario",
                  "metadata": {"name": "from-json"},
                  "duration": "2m",
                  "manifests": ["web.yaml"],
                  "cluster": {"nodePools": [{"name": "p", "count": 2, "allocatable": {"cpu": "4", "memory": "8Gi"}}]},
                  "timeline": [{"at": "1m", "rollout": {"deployment": "web", "images": {"web": "nginx:2"}}}]
                }
                """);
        CliHarness.Result r = CliHarness.run("validate", s.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("ok: " + s + ": scenario from-json: 1 Deployment, 1 Service; 2 node(s) in 1 pool(s); "
                + "1 timeline action(s)", r.out().strip());
    }

    @Test
    @DisplayName("a JSON scenario with a mistake is reported as a scenario, at its line")
    void badJsonScenario() throws IOException {
        Path s = write("scenario.json", "{\n  \"apiVersion\": \"kubesim.io/v1alpha1\",\n  \"kind\": \"Scenario\",\n"
                + "  \"metadata\": {\"name\": \"x\"},\n  \"duraton\": \"1m\"\n}\n");
        CliHarness.Result r = CliHarness.run("validate", s.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: " + s + ":5:3: "), r.err());
        assertTrue(r.err().contains("duration"), r.err());
    }

    @Test
    @DisplayName("a JSON manifest (a kubectl get -o json List) validates like YAML, errors located by line")
    void jsonManifest() throws IOException {
        Path ok = write("list.json", """
                {"apiVersion": "v1", "kind": "List", "items": [
                  {"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "web"},
                   "spec": {"selector": {"matchLabels": {"app": "web"}},
                            "template": {"metadata": {"labels": {"app": "web"}},
                                         "spec": {"containers": [{"name": "web", "image": "nginx"}]}}}},
                  {"apiVersion": "v1", "kind": "Service", "metadata": {"name": "web"},
                   "spec": {"selector": {"app": "web"}, "ports": [{"port": 80, "targetPort": 0}]}}
                ]}
                """);
        CliHarness.Result r = CliHarness.run("validate", ok.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("ok: " + ok + ": 1 Deployment, 1 Service", r.out().strip());

        Path bad = write("bad.json", "{\"apiVersion\": \"v1\", \"kind\": \"Service\",\n \"metadata\": {\"name\": \"s\"},\n"
                + " \"spec\": {\"ports\": [{\"port\": \"eighty\"}]}}\n");
        r = CliHarness.run("validate", bad.toString());
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("error: " + bad + ":3:"), r.err());
    }

    @Test
    @DisplayName("a scenario on standard input is recognised too; its manifests are relative to the working directory")
    void scenarioOnStdin() {
        String scenario = "{\"apiVersion\": \"kubesim.io/v1alpha1\", \"kind\": \"Scenario\", \"metadata\": {\"name\": \"in\"},"
                + " \"duration\": \"1m\", \"cluster\": {\"nodePools\": [{\"name\": \"p\", \"count\": 1,"
                + " \"allocatable\": {\"cpu\": \"4\", \"memory\": \"8Gi\"}}]}}";
        CliHarness.Result r = CliHarness.runWithStdin(scenario, "validate", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("ok: -: scenario in: no simulated objects; 1 node(s)"), r.out());
    }

    @Test
    @DisplayName("a manifest that merely mentions kubesim in a comment or a string is still a manifest")
    void sniffingBytesWouldBeWrong() throws IOException {
        Path m = write("m.yaml", "# apiVersion: kubesim.io/v1alpha1\n" + DEPLOYMENT.replace("image: nginx",
                "image: nginx, args: [\"apiVersion: kubesim.io/v1alpha1\"]"));
        CliHarness.Result r = CliHarness.run("validate", m.toString());
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("ok: " + m + ": 1 Deployment, 1 Service", r.out().strip());
    }
}
