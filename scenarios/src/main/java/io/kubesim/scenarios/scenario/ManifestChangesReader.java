package io.kubesim.scenarios.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.Manifest;
import io.kubesim.engine.SimTime;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.manifest.ManifestFiles;
import io.kubesim.scenarios.manifest.ManifestLoader;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import io.kubesim.sim.TimelineAction;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The timeline entries that change manifests mid-run: {@code apply} (files, as
 * {@code kubectl apply -f}) and the merge form of {@code patch} ({@code kubectl patch --type
 * merge}); both become {@link TimelineAction.Apply}. Keeps what exists by each entry's time (the
 * scenario's objects, then what earlier entries applied), entries being read in time order.
 */
final class ManifestChangesReader {
    private final Function<ScenarioNode, Loaded<List<Manifest>>> manifestFiles;
    private final Diagnostics diagnostics;
    /** The objects that exist by the time of an entry: the scenario's, then each apply's, in time order. */
    private final List<Manifest> applied = new ArrayList<>();

    /** @param manifestFiles how an apply's files are read; null where apply is not available */
    ManifestChangesReader(List<Manifest> manifests, Function<ScenarioNode, Loaded<List<Manifest>>> manifestFiles,
                          Diagnostics diagnostics) {
        this.manifestFiles = manifestFiles;
        this.diagnostics = diagnostics;
        this.applied.addAll(manifests);
    }

    /** The kinds whose existing objects an {@code apply} changes (others only when new). */
    private static final java.util.Set<String> APPLY_UPDATES = java.util.Set.of("Deployment", "Rollout",
            "StatefulSet", "DaemonSet", "Service", "PodDisruptionBudget");
    /** Kinds read once when the run starts, so that one new mid-run is not simulated. */
    private static final java.util.Set<String> APPLY_NOT_NEW = java.util.Set.of("HorizontalPodAutoscaler",
            "AnalysisTemplate", "ClusterAnalysisTemplate", "Namespace", "PriorityClass", "ResourceQuota",
            "LimitRange", "StorageClass");

    /**
     * {@code apply: {manifests: [FILE...]}}: the objects, less what a mid-run apply cannot do here
     * (each a located warning): changing an existing object of another kind than
     * {@link #APPLY_UPDATES}, or creating one of {@link #APPLY_NOT_NEW}.
     */
    TimelineAction apply(long at, ScenarioNode b) {
        b.object("Apply");
        ScenarioNode files = b.required("manifests");
        if (manifestFiles == null) {
            throw files.error("apply is not available here");
        }
        Loaded<List<Manifest>> loaded = manifestFiles.apply(files);
        loaded.warnings().forEach(w -> diagnostics.warn(w.location(), w.message()));
        List<Manifest> out = new ArrayList<>();
        for (Manifest m : loaded.value()) {
            boolean exists = applied.stream().anyMatch(x -> x.kind().equals(m.kind()) && x.key().equals(m.key()));
            if (exists && !APPLY_UPDATES.contains(m.kind())) {
                diagnostics.warn(files.location(), m.kind() + " \"" + m.key() + "\" (" + m.origin() + ") exists "
                        + "already: a mid-run apply changes Deployments, Rollouts, StatefulSets, DaemonSets, Services "
                        + "and PodDisruptionBudgets, so this one is left as it was");
                continue;
            }
            if (!exists && APPLY_NOT_NEW.contains(m.kind())) {
                diagnostics.warn(files.location(), m.kind() + " \"" + m.key() + "\" (" + m.origin() + ") is new: "
                        + "kubesim reads its " + m.kind() + "s when the run starts, so one applied mid-run is not "
                        + "simulated; list it under the scenario's manifests");
                continue;
            }
            out.add(m);
        }
        applied.addAll(out);
        List<String> names = new ArrayList<>();
        files.items().forEach(f -> names.add(f.text()));
        return new TimelineAction.Apply(at, String.join(",", names), out);
    }

    /** The lower-case kinds (and short names) a {@code patch: {object: KIND/NAME}} may name. */
    private static final Map<String, String> PATCH_KINDS = Map.ofEntries(Map.entry("deployment", "Deployment"),
            Map.entry("deploy", "Deployment"), Map.entry("rollout", "Rollout"), Map.entry("statefulset", "StatefulSet"),
            Map.entry("sts", "StatefulSet"), Map.entry("daemonset", "DaemonSet"), Map.entry("ds", "DaemonSet"),
            Map.entry("service", "Service"), Map.entry("svc", "Service"),
            Map.entry("poddisruptionbudget", "PodDisruptionBudget"), Map.entry("pdb", "PodDisruptionBudget"));

    /** The patched objects so far, by {@code Kind ns/name}, to patch again. */
    private final Map<String, JsonNode> patched = new HashMap<>();

    /**
     * {@code patch: {object: KIND/NAME, merge: {...}}}: {@code kubectl patch --type merge} of one
     * object of the manifests (or of an earlier apply or patch): its YAML with the merge patch
     * applied is read again as any manifest is, and applied as an {@code apply} of that object.
     */
    TimelineAction mergePatch(long at, ScenarioNode b) {
        if (b.get("service").isPresent() || b.get("selector").isPresent()) {
            throw b.get("object").isPresent() ? b.get("object").errorAtKey("a patch names an object and a merge "
                    + "patch, or a service and a selector, not both") : b.errorAtKey("a patch names an object and a "
                    + "merge patch, or a service and a selector, not both");
        }
        ScenarioNode target = b.required("object");
        ScenarioNode merge = b.required("merge");
        if (!merge.isMapping()) {
            throw merge.error("expected a merge patch: a mapping such as {spec: {replicas: 3}}");
        }
        String[] parts = target.nonEmptyText().split("/");
        String kind = parts.length >= 2 ? PATCH_KINDS.get(parts[0].toLowerCase(java.util.Locale.ROOT)) : null;
        if (kind == null || parts.length > 3) {
            throw target.error("expected KIND/NAME or KIND/NAMESPACE/NAME with KIND one of deployment, rollout, "
                    + "statefulset, daemonset, service, poddisruptionbudget, got \"" + target.text() + "\"");
        }
        String namespace = parts.length == 3 ? parts[1] : null;
        String name = parts[parts.length - 1];
        Manifest found = null;
        for (Manifest m : applied) {
            if (m.kind().equals(kind) && m.name().equals(name) && (namespace == null || m.namespace().equals(namespace))) {
                found = m;
            }
        }
        if (found == null) {
            throw target.error("no " + kind + " named \"" + name + "\" in the scenario's manifests");
        }
        String key = found.kind() + " " + found.key();
        JsonNode before = patched.containsKey(key) ? patched.get(key) : source(found, target);
        JsonNode after = MergePatch.apply(before, merge.json());
        List<Manifest> objects;
        try {
            String name2 = found.origin().file() + " (patched at " + SimTime.format(at) + ")";
            Loaded<List<Manifest>> loaded = new ManifestLoader()
                    .loadText(name2, after.toPrettyString());
            objects = loaded.value();
            loaded.warnings().forEach(w -> diagnostics.warn(merge.location(), "in the patched " + kind + ": "
                    + w.message()));
        } catch (io.kubesim.scenarios.InputException ex) {
            InputException first = ex.errors().isEmpty() ? ex : ex.errors().get(0);
            throw merge.error("the patched " + kind + " is not valid: " + first.detail());
        }
        if (objects.size() != 1 || !objects.get(0).kind().equals(kind) || !objects.get(0).key().equals(found.key())) {
            throw merge.error("a merge patch must keep the object's kind, name and namespace");
        }
        patched.put(key, after);
        applied.add(objects.get(0));
        return new TimelineAction.Apply(at, "patch", target.text(), objects);
    }

    /** The object's YAML as its manifest file has it. */
    private static JsonNode source(Manifest m, ScenarioNode at) {
        if (m.origin().file().isEmpty()) {
            throw at.error(m.kind() + " " + m.key() + " has no file to patch");
        }
        ManifestSource src = ManifestFiles.read(
                Path.of(m.origin().file()));
        for (YamlDocument doc : YamlReader.read(src.name(),
                src.text())) {
            JsonNode found = find(doc.root(), m);
            if (found != null) {
                return found.deepCopy();
            }
        }
        throw at.error(m.kind() + " " + m.key() + " was not found again in " + m.origin().file());
    }

    private static JsonNode find(JsonNode n, Manifest m) {
        if (n == null || !n.isObject()) {
            return null;
        }
        if (n.path("kind").asText().endsWith("List") && n.path("items").isArray()) {
            for (JsonNode item : n.get("items")) {
                JsonNode f = find(item, m);
                if (f != null) {
                    return f;
                }
            }
            return null;
        }
        String ns = n.at("/metadata/namespace").asText("");
        boolean nsMatches = ns.isEmpty() ? m.namespace().equals("default") || m.namespace().isEmpty()
                : ns.equals(m.namespace());
        return n.path("kind").asText().equals(m.kind()) && n.at("/metadata/name").asText().equals(m.name()) && nsMatches
                ? n : null;
    }
}
