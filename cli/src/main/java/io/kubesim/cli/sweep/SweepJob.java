package io.kubesim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import io.kubesim.cli.UsageError;
import io.kubesim.scenarios.manifest.ManifestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * {@code sweep --emit-job}: a Kubernetes Indexed Job that runs a sweep's shards in a cluster, one
 * pod per shard ({@code completionMode: Indexed}; each pod's {@code JOB_COMPLETION_INDEX} picks its
 * shard through {@code --shard-of N}), with the scenario and the files it names mounted from a
 * ConfigMap written beside it (or, with {@code --files-in-image}, read from the image's working
 * directory), and each shard's results written to {@code /results/shard-INDEX} on a volume (a
 * PersistentVolumeClaim you name, else an emptyDir); {@code kubesim sweep merge} joins them.
 */
final class SweepJob {
    static final String RESULTS = "/results";
    static final String FILES = "/scenario";

    private SweepJob() {
    }

    /**
     * The Job (and ConfigMap) as multi-document YAML.
     *
     * @param args the sweep's arguments (without --emit-job and its own options, without --out)
     */
    static String render(Path scenario, String name, List<String> args, int shards, String image, String claim,
                         boolean filesInImage) throws IOException {
        Path base = scenario.toAbsolutePath().normalize().getParent();
        List<String> files = filesOf(scenario);
        List<String> command = new ArrayList<>(List.of("kubesim", "sweep", scenario.getFileName().toString()));
        command.addAll(args);
        command.addAll(List.of("--shard-of", Integer.toString(shards), "--out", RESULTS + "/shard-$(JOB_COMPLETION_INDEX)",
                "-q"));
        String jobName = "kubesim-sweep-" + name;
        List<Object> docs = new ArrayList<>();
        if (!filesInImage) {
            Map<String, Object> data = new LinkedHashMap<>();
            for (int i = 0; i < files.size(); i++) {
                data.put("f" + i, Files.readString(base.resolve(files.get(i)), StandardCharsets.UTF_8));
            }
            docs.add(map("apiVersion", "v1", "kind", "ConfigMap", "metadata", map("name", jobName), "data", data));
        }
        List<Object> items = new ArrayList<>();
        for (int i = 0; i < files.size(); i++) {
            items.add(map("key", "f" + i, "path", files.get(i)));
        }
        List<Object> volumes = new ArrayList<>();
        List<Object> mounts = new ArrayList<>();
        volumes.add(map("name", "results", claim == null ? "emptyDir" : "persistentVolumeClaim",
                claim == null ? new LinkedHashMap<>() : map("claimName", claim)));
        mounts.add(map("name", "results", "mountPath", RESULTS));
        if (!filesInImage) {
            volumes.add(map("name", "scenario", "configMap", map("name", jobName, "items", items)));
            mounts.add(map("name", "scenario", "mountPath", FILES, "readOnly", true));
        }
        Map<String, Object> container = map("name", "sweep", "image", image, "command", command,
                "volumeMounts", mounts, "resources", map("requests", map("cpu", "1", "memory", "2Gi"),
                        "limits", map("memory", "4Gi")));
        if (!filesInImage) {
            container.put("workingDir", FILES);
        }
        Map<String, Object> podSpec = map("restartPolicy", "Never", "containers", List.of(container), "volumes", volumes);
        Map<String, Object> job = map("apiVersion", "batch/v1", "kind", "Job", "metadata", map("name", jobName),
                "spec", map("completionMode", "Indexed", "completions", shards, "parallelism", shards,
                        "backoffLimit", 2, "template", map("metadata", map("labels", map("app", jobName)),
                                "spec", podSpec)));
        docs.add(job);
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory().disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES).enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.LITERAL_BLOCK_STYLE));
        StringBuilder sb = new StringBuilder("# kubesim sweep as an Indexed Job: one pod per shard; then copy the\n"
                + "# results volume's shard-* folders out and run: kubesim sweep merge shard-* --out DIR\n");
        for (int i = 0; i < docs.size(); i++) {
            if (i > 0) {
                sb.append("---\n");
            }
            sb.append(yaml.writeValueAsString(docs.get(i)));
        }
        return sb.toString();
    }

    /**
     * The scenario and every file it names (manifests, directories expanded; traffic traces; the
     * manifests of {@code apply} actions), relative to its folder, sorted; a file outside that
     * folder cannot be mounted beside it and is a usage error.
     */
    static List<String> filesOf(Path scenario) throws IOException {
        Path base = scenario.toAbsolutePath().normalize().getParent();
        TreeSet<String> out = new TreeSet<>();
        out.add(scenario.getFileName().toString());
        JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(scenario.toFile());
        List<String> named = new ArrayList<>();
        root.path("manifests").forEach(n -> named.add(n.asText()));
        root.path("timeline").forEach(e -> e.path("apply").path("manifests").forEach(n -> named.add(n.asText())));
        root.path("traffic").forEach(t -> {
            JsonNode f = t.path("arrivals").path("trace").path("file");
            if (f.isTextual()) {
                named.add(f.asText());
            }
        });
        for (String n : named) {
            Path p = base.resolve(n).normalize();
            if (!p.startsWith(base)) {
                throw new UsageError("--emit-job: " + n + " is outside the scenario's folder " + base + "; the Job "
                        + "mounts the scenario's folder only (copy the file below it, or use --files-in-image)");
            }
            if (Files.isDirectory(p)) {
                for (Path f : ManifestFiles.expand(p, null)) {
                    out.add(base.relativize(f).toString());
                }
            } else {
                out.add(base.relativize(p).toString());
            }
        }
        return new ArrayList<>(out);
    }

    private static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }
}
