package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClass;
import io.kubesim.api.Manifest;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Loaded;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.manifest.argo.AnalysisTemplateResource;
import io.kubesim.scenarios.manifest.argo.RolloutResource;
import io.kubesim.scenarios.yaml.NodeTypes;
import io.kubesim.scenarios.yaml.YamlDocument;
import io.kubesim.scenarios.yaml.YamlReader;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Kubernetes manifests, as {@code kubectl apply -f} takes them (multi-document YAML,
 * {@code helm template} and {@code kustomize build} output, {@code kind: List} dumps of
 * {@code kubectl get -o yaml}), into {@link Manifest} records with API defaults applied.
 *
 * <p>Each document is read into a located tree, checked against the fabric8 class of its
 * apiVersion and kind (unknown fields are warnings, wrong types and invalid quantities errors),
 * bound with fabric8 and converted. Kinds the simulator does not model are counted and
 * reported in one warning; an apiVersion it does not read for a kind it models is a warning and
 * the object is skipped. A bad object is recorded and the load goes on with the next object (or
 * document, or file), so that one load finds every error; it then ends in one
 * {@link InputException} that carries them all, sorted by place.
 *
 * <pre>{@code
 * Loaded<List<Manifest>> r = new ManifestLoader().load(List.of("k8s/", "-"));
 * r.warnings().forEach(w -> err.println(w.format()));
 * }</pre>
 */
public final class ManifestLoader {
    /** kustomize's own file kinds (Kustomization, Component), which no API server serves. */
    private static final String KUSTOMIZE_GROUP = "kustomize.config.k8s.io/";

    private final InputStream stdin;
    private final io.kubesim.scenarios.overrides.FieldOverrides overrides;

    /** A loader that reads {@code -} from {@code System.in}. */
    public ManifestLoader() {
        this(System.in);
    }

    public ManifestLoader(InputStream stdin) {
        this(stdin, io.kubesim.scenarios.overrides.FieldOverrides.NONE);
    }

    private ManifestLoader(InputStream stdin, io.kubesim.scenarios.overrides.FieldOverrides overrides) {
        this.stdin = stdin;
        this.overrides = overrides;
    }

    /**
     * The same loader with {@code --set} overrides: each object's are applied to its document
     * before it is read; a target no object matches is an error once the load is done.
     */
    public ManifestLoader withOverrides(io.kubesim.scenarios.overrides.FieldOverrides o) {
        return new ManifestLoader(stdin, o);
    }

    /**
     * Loads files, directories (their *.yaml, *.yml and *.json in name order) and {@code -}
     * (standard input), in the order given.
     *
     * @throws InputException carrying every error found, when there is any
     */
    public Loaded<List<Manifest>> load(List<String> paths) {
        Batch batch = new Batch(overrides);
        List<ManifestSource> sources = new ArrayList<>();
        for (String p : paths) {
            try {
                if (p.equals(ManifestFiles.STDIN)) {
                    sources.add(ManifestFiles.readStdin(stdin));
                } else {
                    for (Path f : ManifestFiles.expand(Path.of(p), null)) {
                        sources.add(ManifestFiles.read(f));
                    }
                }
            } catch (InputException e) {
                batch.diagnostics.error(e);
            }
        }
        return batch.load(sources);
    }

    /** Loads manifest texts already read; the objects keep the order of the sources and documents. */
    public Loaded<List<Manifest>> loadSources(List<ManifestSource> sources) {
        return new Batch(overrides).load(sources);
    }

    /** Loads one text, e.g. from a test or an editor buffer. */
    public Loaded<List<Manifest>> loadText(String name, String text) {
        return loadSources(List.of(new ManifestSource(name, text)));
    }

    /** The state of one load: what was read so far, to report duplicates and the tally. */
    private static final class Batch {
        final io.kubesim.scenarios.overrides.FieldOverrides overrides;

        Batch(io.kubesim.scenarios.overrides.FieldOverrides overrides) {
            this.overrides = overrides;
        }

        final Diagnostics diagnostics = new Diagnostics();
        final NotSimulatedTally tally = new NotSimulatedTally();
        final ScaleTargetCheck scaleTargets = new ScaleTargetCheck();
        final List<Manifest> manifests = new ArrayList<>();
        final OwnerAdoption owners = new OwnerAdoption();
        final UnrunPodsCheck unrunPods = new UnrunPodsCheck();
        final ClaimReferenceCheck claimReferences = new ClaimReferenceCheck();
        final ArgoReferences argo = new ArgoReferences();
        /** Where each object was first defined and its place in {@link #manifests}; lookup only, never iterated. */
        final Map<String, Manifest.Origin> seen = new HashMap<>();
        final Map<String, Integer> placeOf = new HashMap<>();

        Loaded<List<Manifest>> load(List<ManifestSource> sources) {
            for (ManifestSource s : sources) {
                s.warnings().forEach(w -> diagnostics.warn(w.location(), w.message()));
                int errors = diagnostics.errorCount();
                int[] documents = {0};
                YamlReader.read(s.name(), s.text(), diagnostics, doc -> {
                    documents[0]++;
                    objectOrError(doc, "");
                });
                if (documents[0] == 0 && diagnostics.errorCount() == errors) {
                    diagnostics.warn(new Location(s.name(), 1, 1), "no Kubernetes object in this file (it is empty or"
                            + " holds only comments)");
                }
            }
            tally.report(diagnostics);
            List<Manifest> resolved = argo.resolve(owners.resolve(manifests, diagnostics), diagnostics);
            scaleTargets.report(resolved, diagnostics);
            boolean complete = !diagnostics.hasErrors(); // else what selects nothing may select a refused object's pods
            unrunPods.report(resolved, complete, diagnostics);
            if (complete) {
                DisruptionBudgetCheck.report(resolved, diagnostics);
            }
            claimReferences.report(resolved, diagnostics);
            diagnostics.throwIfErrors();
            return new Loaded<>(resolved, diagnostics.warnings());
        }

        /** One object; an error in it is recorded and the load goes on with the next object. */
        void objectOrError(YamlDocument doc, String base) {
            try {
                object(doc, base);
            } catch (InputException e) {
                diagnostics.error(e);
            }
        }

        private void object(YamlDocument doc, String base) {
            JsonNode node = doc.root().at(base);
            if (!node.isObject()) {
                throw doc.errorAt(base, "expected a Kubernetes object (a mapping with apiVersion and kind), got "
                        + NodeTypes.describe(node));
            }
            String apiVersion = requiredText(doc, base, node, "apiVersion");
            String kind = requiredText(doc, base, node, "kind");
            if (kind.endsWith("List") && node.has("items")) {
                list(doc, base, node.get("items"));
                return;
            }
            if (!overrides.isEmpty()) {
                JsonNode ns = node.at("/metadata/namespace");
                JsonNode name = node.at("/metadata/name");
                overrides.applyToObject(doc, base, kind, ns.isTextual() ? ns.textValue() : "default",
                        name.isTextual() ? name.textValue() : "");
            }
            var known = ApiKind.find(apiVersion, kind);
            if (known.isEmpty()) {
                if (ApiKind.isModelled(kind)) {
                    // A version no release kubesim knows serves (a future autoscaling/v3): the API
                    // server of a newer cluster may take it, so it is skipped rather than refused.
                    diagnostics.warn(doc.keyLocation(base + "/apiVersion"), kind + " " + describeName(node)
                            + " skipped: kubesim does not read apiVersion \"" + apiVersion + "\" (it reads "
                            + String.join(", ", ApiKind.versionsOf(kind)) + ")");
                    unrunPods.addSkipped(kind, node);
                    owners.add(node, kind, node.path("metadata").has("namespace"), ownersLocation(doc, base), null);
                    return;
                }
                String meant = io.kubesim.scenarios.Suggestions.closest(kind, ApiKind.kindsOf(apiVersion));
                if (meant != null) {
                    // a misspelt kind of a group kubesim reads: the API server has no such kind and refuses it
                    throw doc.errorAt(base + "/kind", "no kind \"" + kind + "\" in " + apiVersion
                            + " (the API server refuses it): did you mean \"" + meant + "\"?");
                }
                if (apiVersion.startsWith(KUSTOMIZE_GROUP)) {
                    diagnostics.warn(doc.keyLocation(base + "/kind"), "kind " + kind + " (" + apiVersion
                            + ") is kustomize's build file, not an object the API server takes (kubectl apply -f "
                            + "refuses it): it is skipped, and what it would change (namespace, name prefixes, "
                            + "labels, patches, images) is not applied; load the output of kustomize build "
                            + "(kubectl kustomize DIR) instead");
                    return;
                }
                tally.add(kind, doc.keyLocation(base + "/kind"));
                unrunPods.addSkipped(kind, node);
                owners.add(node, kind, node.path("metadata").has("namespace"), ownersLocation(doc, base), null);
                return;
            }
            ApiKind k = known.get();
            ObjectContext ctx = new ObjectContext(doc, base, diagnostics);
            new SchemaCheck(doc, base, kind, k.extraFields(), diagnostics).check(node, k.type());
            UnmodelledFields.check(doc, base, kind, diagnostics);
            HasMetadata object = (HasMetadata) Binder.bind(doc, base, node, k.type());
            boolean namespaced = !(object instanceof Namespace || object instanceof PriorityClass
                    || object instanceof io.fabric8.kubernetes.api.model.PersistentVolume
                    || object instanceof StorageClassResource || kind.equals("ClusterAnalysisTemplate"));
            ObjectMetaReader.Meta meta = ObjectMetaReader.read(ctx, object.getMetadata(), namespaced);
            Manifest m = convert(ctx, k, object, meta);
            if (m == null) {
                // Read, but left out with a warning (an Argo Rollout the controller marks InvalidSpec).
                argo.addInvalid(kind, meta);
                unrunPods.addSkipped(kind, node);
                owners.add(node, kind, namespaced, ownersLocation(doc, base), null);
                return;
            }
            String key = m.kind() + " " + m.key();
            Manifest.Origin before = seen.putIfAbsent(key, m.origin());
            if (k.deprecated()) {
                ctx.warn("/apiVersion", deprecationNote(k, node, m));
            }
            if (before != null) {
                // kubectl apply -f applies the documents in order: the second one updates the object
                // the first created, so the later definition is the one that runs.
                ctx.warn("/metadata/name", m.kind() + " \"" + m.key() + "\" is defined again (first at " + before
                        + "): kubectl apply applies both in order, so this definition replaces the first");
                manifests.set(placeOf.get(key), m);
            } else {
                placeOf.put(key, manifests.size());
                manifests.add(m);
            }
            if (m instanceof Manifest.HorizontalPodAutoscalerManifest h) {
                scaleTargets.add(h, ctx.location("/spec/scaleTargetRef/name"));
            }
            if (m instanceof Manifest.ServiceManifest svc) {
                unrunPods.addService(svc, ctx.keyLocation("/spec/selector"));
            }
            claimReferences.add(ctx, m);
            argo.add(ctx, m);
            owners.add(node, kind, namespaced, ownersLocation(doc, base), m);
        }

        /** Where an object's ownerReferences are written, else its kind. */
        private static Location ownersLocation(YamlDocument doc, String base) {
            return doc.root().at(base + "/metadata/ownerReferences").isMissingNode() ? doc.keyLocation(base + "/kind")
                    : doc.keyLocation(base + "/metadata/ownerReferences");
        }

        private static String deprecationNote(ApiKind k, JsonNode node, Manifest m) {
            StringBuilder sb = new StringBuilder().append(k.apiVersion()).append(' ').append(k.kind()).append(" \"")
                    .append(m.name()).append("\" uses a deprecated apiVersion: it ").append(k.deprecation())
                    .append("; loaded with that version's defaults");
            if (k.deploymentDefaults() != null && k.deploymentDefaults().selectorFromTemplate()
                    && node.at("/spec/selector").isMissingNode()) {
                Object selector = m instanceof Manifest.DeploymentManifest d ? d.selector()
                        : m instanceof Manifest.DaemonSetManifest ds ? ds.selector()
                        : m instanceof Manifest.StatefulSetManifest s ? s.selector()
                        : ((Manifest.ReplicaSetManifest) m).selector();
                sb.append("; spec.selector defaulted from the template labels (").append(selector).append(')');
            }
            return sb.toString();
        }

        private void list(YamlDocument doc, String base, JsonNode items) {
            if (items.isNull()) {
                return;
            }
            if (!items.isArray()) {
                throw doc.errorAt(base + "/items", "expected a list of objects, got " + NodeTypes.describe(items));
            }
            for (int i = 0; i < items.size(); i++) {
                objectOrError(doc, base + "/items/" + i);
            }
        }

        private static Manifest convert(ObjectContext ctx, ApiKind k, HasMetadata o, ObjectMetaReader.Meta meta) {
            if (o instanceof Deployment d) {
                return WorkloadReader.deployment(ctx, k, d, meta);
            }
            if (o instanceof ReplicaSet rs) {
                return WorkloadReader.replicaSet(ctx, k, rs, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.ReplicationController rc) {
                return WorkloadReader.replicationController(ctx, rc, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.apps.DaemonSet ds) {
                return DaemonSetReader.read(ctx, k, ds, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.apps.StatefulSet s) {
                return StatefulSetReader.read(ctx, k, s, meta);
            }
            if (o instanceof Pod p) {
                return new Manifest.PodManifest(meta.namespace(), meta.name(), meta.labels(), meta.annotations(),
                        PodSpecReader.spec(ctx, "/spec", p.getSpec()), ctx.origin());
            }
            if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler hpa) {
                return HorizontalPodAutoscalerReader.v2(ctx, hpa, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v2beta1.HorizontalPodAutoscaler hpa) {
                return HorizontalPodAutoscalerReader.v2(ctx, HorizontalPodAutoscalerConversion.toV2(hpa), meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.autoscaling.v1.HorizontalPodAutoscaler hpa) {
                return HorizontalPodAutoscalerReader.v1(ctx, hpa, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.batch.v1.Job job) {
                return JobReader.job(ctx, job, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.batch.v1.CronJob cj) {
                return JobReader.cronJob(ctx, cj, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy np) {
                return NetworkPolicyReader.read(ctx, np, meta);
            }
            if (o instanceof PodDisruptionBudget pdb) {
                return PodDisruptionBudgetReader.read(ctx, k, pdb, meta);
            }
            if (o instanceof Service s) {
                return ServiceReader.read(ctx, s, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.ResourceQuota q) {
                return ResourceQuotaReader.read(ctx, q, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.LimitRange l) {
                return LimitRangeReader.read(ctx, l, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.PersistentVolumeClaim c) {
                return StorageReader.claim(ctx, c, meta);
            }
            if (o instanceof io.fabric8.kubernetes.api.model.PersistentVolume pv) {
                return StorageReader.volume(ctx, pv, meta);
            }
            if (o instanceof RolloutResource r) {
                return RolloutReader.read(ctx, r, meta);
            }
            if (o instanceof AnalysisTemplateResource t) {
                return AnalysisTemplateReader.read(ctx, t, meta, k.kind().equals("ClusterAnalysisTemplate"));
            }
            if (o instanceof StorageClassResource sc) {
                return StorageReader.storageClass(ctx, sc, meta);
            }
            if (o instanceof Namespace) {
                return new Manifest.NamespaceManifest(meta.name(), meta.labels(), ctx.origin());
            }
            if (o instanceof PriorityClass pc) {
                if (pc.getValue() == null) {
                    throw ctx.error("", "a PriorityClass needs a value");
                }
                String policy = pc.getPreemptionPolicy();
                if (policy != null && !policy.equals("Never") && !policy.equals("PreemptLowerPriority")) {
                    throw ctx.error("/preemptionPolicy", "expected PreemptLowerPriority or Never, got \"" + policy + "\"");
                }
                return new Manifest.PriorityClassManifest(meta.name(), pc.getValue(),
                        Boolean.TRUE.equals(pc.getGlobalDefault()), "Never".equals(policy), ctx.origin());
            }
            throw new IllegalStateException("no converter for " + k.kind());
        }

        /** {@code "web"} from metadata.name, or {@code (unnamed)}. */
        private static String describeName(JsonNode node) {
            JsonNode name = node.at("/metadata/name");
            return name.isTextual() ? "\"" + name.textValue() + "\"" : "(unnamed)";
        }

        private static String requiredText(YamlDocument doc, String base, JsonNode node, String field) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) {
                throw new InputException(doc.valueLocation(base), "missing \"" + field
                        + "\": every Kubernetes object needs apiVersion and kind");
            }
            if (!v.isTextual() || v.textValue().isEmpty()) {
                throw doc.errorAt(base + "/" + field, "expected " + field + " to be a non-empty string, got "
                        + NodeTypes.describe(v));
            }
            return v.textValue();
        }
    }
}
