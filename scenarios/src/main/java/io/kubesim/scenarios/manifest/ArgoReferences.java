package io.kubesim.scenarios.manifest;

import io.kubesim.api.CanaryStep;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * After a load, what an Argo Rollout refers to (k8s-semantics.md 20.6, 20.7): its
 * {@code workloadRef} is resolved against the Deployment of that name in its namespace (the
 * Rollout takes that Deployment's selector and template; without it Argo marks the Rollout
 * InvalidSpec and kubesim leaves it out), and each AnalysisTemplate it names must be loaded
 * (else a warning: Argo cannot create the AnalysisRun, which ends in Error and aborts the rollout).
 */
final class ArgoReferences {
    /** Where a Rollout's references are written; looked up by identity, never iterated. */
    private record Places(Location workloadRef, List<Ref> analyses) {
    }

    private record Ref(RolloutAnalysis.TemplateRef template, Location at) {
    }

    private final Map<Manifest, Places> places = new IdentityHashMap<>();
    /** AnalysisTemplates read but left out as invalid: {@code kind namespace/name}. */
    private final Set<String> invalidTemplates = new HashSet<>();

    void add(ObjectContext ctx, Manifest m) {
        if (!(m instanceof Manifest.RolloutManifest r)) {
            return;
        }
        List<Ref> refs = new ArrayList<>();
        if (r.spec().strategy() instanceof RolloutStrategy.Canary c) {
            List<CanaryStep> steps = c.steps();
            for (int i = 0; i < steps.size(); i++) {
                if (steps.get(i) instanceof CanaryStep.Analysis a) {
                    addRefs(ctx, "/spec/strategy/canary/steps/" + i + "/analysis", a.analysis(), refs);
                }
            }
            addRefs(ctx, "/spec/strategy/canary/analysis", c.analysis(), refs);
        } else if (r.spec().strategy() instanceof RolloutStrategy.BlueGreen b) {
            addRefs(ctx, "/spec/strategy/blueGreen/prePromotionAnalysis", b.prePromotionAnalysis(), refs);
            addRefs(ctx, "/spec/strategy/blueGreen/postPromotionAnalysis", b.postPromotionAnalysis(), refs);
        }
        places.put(m, new Places(ctx.location("/spec/workloadRef/name"), refs));
    }

    private static void addRefs(ObjectContext ctx, String pointer, RolloutAnalysis a, List<Ref> refs) {
        if (a == null) {
            return;
        }
        for (int i = 0; i < a.templates().size(); i++) {
            refs.add(new Ref(a.templates().get(i), ctx.location(pointer + "/templates/" + i + "/templateName")));
        }
    }

    /** An object of {@code kind} read but left out (for the reference check's message). */
    void addInvalid(String kind, ObjectMetaReader.Meta meta) {
        invalidTemplates.add(kind + " " + meta.namespace() + "/" + meta.name());
    }

    /** The manifests with workloadRefs resolved; the warnings for what is missing. */
    List<Manifest> resolve(List<Manifest> manifests, Diagnostics diagnostics) {
        List<Manifest> out = new ArrayList<>(manifests.size());
        for (Manifest m : manifests) {
            if (m instanceof Manifest.RolloutManifest r && r.spec().workloadRef() != null) {
                Manifest resolved = workloadRef(r, manifests, diagnostics);
                if (resolved != null) {
                    out.add(resolved);
                    places.put(resolved, places.get(m));
                }
            } else {
                out.add(m);
            }
        }
        for (Manifest m : out) {
            if (m instanceof Manifest.RolloutManifest r && places.containsKey(m)) {
                for (Ref ref : places.get(m).analyses()) {
                    checkTemplate(r, ref, out, diagnostics);
                }
            }
        }
        return out;
    }

    private Manifest workloadRef(Manifest.RolloutManifest r, List<Manifest> manifests, Diagnostics diagnostics) {
        RolloutSpec.WorkloadRef ref = r.spec().workloadRef();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.DeploymentManifest d && d.namespace().equals(r.namespace())
                    && d.name().equals(ref.name())) {
                return new Manifest.RolloutManifest(r.namespace(), r.name(), r.labels(), r.annotations(),
                        r.spec().withTemplate(d.selector(), d.template()), r.origin());
            }
        }
        Places p = places.get(r);
        diagnostics.warn(p.workloadRef(), RolloutReader.invalidSpecMessage(r.name(), "spec.workloadRef: Invalid value: "
                + "Deployment \"" + ref.name() + "\" not found in namespace \"" + r.namespace()
                + "\" (it is not in the input)"));
        return null;
    }

    private void checkTemplate(Manifest.RolloutManifest r, Ref ref, List<Manifest> manifests, Diagnostics diagnostics) {
        boolean cluster = ref.template().clusterScope();
        String ns = cluster ? "" : r.namespace();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.AnalysisTemplateManifest t && t.clusterScoped() == cluster
                    && t.namespace().equals(ns) && t.name().equals(ref.template().templateName())) {
                return;
            }
        }
        String kind = cluster ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
        boolean invalid = invalidTemplates.contains(kind + " " + ns + "/" + ref.template().templateName());
        diagnostics.warn(ref.at(), "Rollout \"" + r.name() + "\" runs " + kind + " \"" + ref.template().templateName()
                + "\", which " + (invalid ? "is invalid (see its warning)" : "is not in the input"
                + (cluster ? "" : " (namespace " + ns + ")")) + ": Argo Rollouts cannot run the analysis, the "
                + "AnalysisRun ends in phase Error and the rollout aborts; kubesim does the same");
    }
}
