package io.kubesim.scenarios.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.Requirement;
import io.kubesim.api.SelectorOperator;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.manifest.ManifestSource;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What an audit reads: every object of the input in document order (items of a {@code kind: List}
 * in place), the workloads among them, and the relations the checks ask about (the Services, PDBs
 * and HPAs of a workload), as the API server and its controllers would resolve them.
 *
 * @param kubeVersion the minor version of the target cluster ({@code 1.29} is 29), for API versions
 * @param manifests   what the manifest loader read from the same input (the simulator's records)
 * @param scenario    the scenario that gives the applications' behaviour and the cluster, or null
 * @param placement   where the workloads' pods ran on a cluster, or null when nothing was run
 */
public record AuditInput(List<AuditObject> objects, int kubeVersion, List<Manifest> manifests,
                         io.kubesim.sim.SimulationSpec scenario, Placement placement) {
    /** The newest Kubernetes minor version kubesim knows the API removals of. */
    public static final int NEWEST_MINOR = 34;

    public AuditInput {
        objects = List.copyOf(objects);
        manifests = List.copyOf(manifests);
    }

    /** Reads the objects of sources without the loader's records (checks that need them see none). */
    public static AuditInput read(List<ManifestSource> sources, int kubeVersion) {
        return read(sources, kubeVersion, List.of());
    }

    /**
     * Reads the objects of already loaded sources (the manifest loader has checked their syntax)
     * beside what the loader made of them ({@code manifests}: NetworkPolicies, Namespaces ...).
     */
    public static AuditInput read(List<ManifestSource> sources, int kubeVersion, List<Manifest> manifests) {
        return read(sources, kubeVersion, manifests, null);
    }

    /** As {@link #read(List, int, List)}, with the scenario the scenario-aware checks judge against. */
    public static AuditInput read(List<ManifestSource> sources, int kubeVersion, List<Manifest> manifests,
                                  io.kubesim.sim.SimulationSpec scenario) {
        List<AuditObject> out = new ArrayList<>();
        Diagnostics quiet = new Diagnostics();
        for (ManifestSource s : sources) {
            for (YamlDocument doc : YamlReader.read(s.name(), s.text(), quiet)) {
                add(doc, "", out);
            }
        }
        return new AuditInput(out, kubeVersion, manifests, scenario, null);
    }

    private static void add(YamlDocument doc, String base, List<AuditObject> out) {
        JsonNode n = doc.root().at(base);
        if (!n.isObject()) {
            return;
        }
        if (n.path("kind").asText("").endsWith("List") && n.path("items").isArray()) {
            for (int i = 0; i < n.get("items").size(); i++) {
                add(doc, base + "/items/" + i, out);
            }
            return;
        }
        out.add(AuditObject.of(doc, base));
    }

    /** This input with the placement the scheduler made of it. */
    public AuditInput withPlacement(Placement p) {
        return new AuditInput(objects, kubeVersion, manifests, scenario, p);
    }

    /**
     * The application model the scenario gives the workload ({@code applications.NS/NAME}, then
     * {@code applications.NAME}, then {@code applications.default}), or null without a scenario or
     * when the scenario says nothing of it (its defaults invent no finding).
     */
    public io.kubesim.app.ApplicationModel application(Workload w) {
        if (scenario == null) {
            return null;
        }
        var apps = scenario.applications();
        var m = apps.get(w.object().namespace() + "/" + w.object().name());
        if (m == null) {
            m = apps.get(w.object().name());
        }
        if (m == null && scenario.defaultApplication() != io.kubesim.app.ApplicationModel.DEFAULT) {
            m = scenario.defaultApplication();
        }
        return m;
    }

    /** The objects of any of {@code kinds}, in input order. */
    public List<AuditObject> ofKind(String... kinds) {
        List<String> wanted = Arrays.asList(kinds);
        return objects.stream().filter(o -> wanted.contains(o.kind())).toList();
    }

    /** Every object that runs pods of its own, in input order. */
    public List<Workload> workloads() {
        List<Workload> out = new ArrayList<>();
        for (AuditObject o : objects) {
            Workload w = Workload.of(o);
            if (w != null) {
                out.add(w);
            }
        }
        return out;
    }

    /** The Services of the workload's namespace whose selector picks its pods (ExternalName and selector-less ones pick none). */
    public List<AuditObject> servicesSelecting(Workload w) {
        List<AuditObject> out = new ArrayList<>();
        Map<String, String> labels = w.labels();
        for (AuditObject s : ofKind("Service")) {
            JsonNode sel = s.path("/spec/selector");
            if (!s.namespace().equals(w.object().namespace()) || !sel.isObject() || sel.isEmpty()
                    || s.path("/spec/type").asText("").equals("ExternalName")) {
                continue;
            }
            boolean all = true;
            var it = sel.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (!e.getValue().asText().equals(labels.get(e.getKey()))) {
                    all = false;
                }
            }
            if (all) {
                out.add(s);
            }
        }
        return out;
    }

    /** True when some Service sends traffic to the workload's pods. */
    public boolean servesTraffic(Workload w) {
        return !servicesSelecting(w).isEmpty();
    }

    /** The PodDisruptionBudgets of the workload's namespace whose selector picks its pods. */
    public List<AuditObject> pdbsSelecting(Workload w) {
        List<AuditObject> out = new ArrayList<>();
        for (AuditObject p : ofKind("PodDisruptionBudget")) {
            if (p.namespace().equals(w.object().namespace()) && selects(p.path("/spec/selector"), w.labels())) {
                out.add(p);
            }
        }
        return out;
    }

    /** The workloads of the PDB's namespace whose pods its selector picks. */
    public List<Workload> selectedBy(AuditObject pdb) {
        List<Workload> out = new ArrayList<>();
        for (Workload w : workloads()) {
            if (w.object().namespace().equals(pdb.namespace()) && selects(pdb.path("/spec/selector"), w.labels())) {
                out.add(w);
            }
        }
        return out;
    }

    /** The HorizontalPodAutoscaler whose scaleTargetRef names the workload, or null. */
    public AuditObject hpaFor(Workload w) {
        for (AuditObject h : ofKind("HorizontalPodAutoscaler")) {
            if (h.namespace().equals(w.object().namespace())
                    && h.path("/spec/scaleTargetRef/kind").asText("").equals(w.kind())
                    && h.path("/spec/scaleTargetRef/name").asText("").equals(w.object().name())) {
                return h;
            }
        }
        return null;
    }

    /** The workload an HPA scales, or null when it is not in the input. */
    public Workload targetOf(AuditObject hpa) {
        for (Workload w : workloads()) {
            if (w.object().namespace().equals(hpa.namespace())
                    && hpa.path("/spec/scaleTargetRef/kind").asText("").equals(w.kind())
                    && hpa.path("/spec/scaleTargetRef/name").asText("").equals(w.object().name())) {
                return w;
            }
        }
        return null;
    }

    /**
     * True when the label selector written at {@code sel} picks {@code labels}: matchLabels and
     * matchExpressions (In, NotIn, Exists, DoesNotExist); an empty selector picks everything, a
     * missing one nothing (policy/v1 PodDisruptionBudget).
     */
    static boolean selects(JsonNode sel, Map<String, String> labels) {
        if (!sel.isObject()) {
            return false;
        }
        Map<String, String> matchLabels = new LinkedHashMap<>();
        sel.path("matchLabels").fields().forEachRemaining(e -> matchLabels.put(e.getKey(), e.getValue().asText()));
        List<Requirement> expressions = new ArrayList<>();
        for (JsonNode e : sel.path("matchExpressions")) {
            SelectorOperator op = switch (e.path("operator").asText("")) {
                case "In" -> SelectorOperator.IN;
                case "NotIn" -> SelectorOperator.NOT_IN;
                case "Exists" -> SelectorOperator.EXISTS;
                case "DoesNotExist" -> SelectorOperator.DOES_NOT_EXIST;
                default -> null;
            };
            if (op == null) {
                return false;
            }
            List<String> values = new ArrayList<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            expressions.add(new Requirement(e.path("key").asText(""), op, values));
        }
        return new LabelSelector(matchLabels, expressions).matches(labels);
    }
}
