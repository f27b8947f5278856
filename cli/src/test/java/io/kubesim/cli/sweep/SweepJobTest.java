package io.kubesim.cli.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.kubesim.api.Manifest;
import io.kubesim.cli.UsageError;
import io.kubesim.scenarios.manifest.ManifestLoader;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code sweep --emit-job}: an Indexed Job that kubesim's loader and fabric8's model both read. */
class SweepJobTest {
    private static final Path SCENARIO = Path.of("..", "library", "online-boutique-rollout.yaml");

    @Test
    void theJobRunsOneShardPerIndexWithTheScenariosFilesMounted() throws Exception {
        String yaml = SweepJob.render(SCENARIO, "online-boutique-rollout",
                List.of("--set", "deployment/frontend:spec.replicas=2,3"), 4, "registry.example.com/kubesim:1",
                "sweep-results", false);
        List<Manifest> loaded = new ManifestLoader().loadText("job.yaml", yaml).value();
        Manifest.JobManifest job = (Manifest.JobManifest) loaded.stream()
                .filter(m -> m instanceof Manifest.JobManifest).findFirst().orElseThrow();
        assertEquals(4, job.spec().completions());
        assertTrue(job.spec().indexed(), "completionMode Indexed");

        ObjectMapper mapper = new ObjectMapper(new YAMLFactory());
        List<JsonNode> docs = mapper.readerFor(JsonNode.class).<JsonNode>readValues(yaml).readAll();
        Job fabric8 = mapper.treeToValue(docs.get(1), Job.class);
        assertEquals("Indexed", fabric8.getSpec().getCompletionMode());
        assertEquals(4, fabric8.getSpec().getParallelism());
        List<String> command = fabric8.getSpec().getTemplate().getSpec().getContainers().get(0).getCommand();
        assertEquals(List.of("--shard-of", "4", "--out", "/results/shard-$(JOB_COMPLETION_INDEX)", "-q"),
                command.subList(command.size() - 5, command.size()));
        assertEquals("sweep-results", fabric8.getSpec().getTemplate().getSpec().getVolumes().get(0)
                .getPersistentVolumeClaim().getClaimName());
        ConfigMap files = mapper.treeToValue(docs.get(0), ConfigMap.class);
        List<String> mounted = SweepJob.filesOf(SCENARIO);
        assertTrue(mounted.contains("online-boutique-rollout.yaml"));
        assertTrue(mounted.stream().anyMatch(f -> f.startsWith("traces/")), "the replayed trace too: " + mounted);
        assertEquals(mounted.size(), files.getData().size());
    }

    @Test
    void eachPodPicksItsShardFromItsIndex() {
        assertEquals("1/4", SweepCommand.shardOfIndex("0", 4));
        assertEquals("4/4", SweepCommand.shardOfIndex("3", 4));
        assertThrows(UsageError.class, () -> SweepCommand.shardOfIndex("4", 4));
        assertThrows(UsageError.class, () -> SweepCommand.shardOfIndex(null, 4));
    }
}
