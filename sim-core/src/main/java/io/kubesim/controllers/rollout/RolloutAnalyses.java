package io.kubesim.controllers.rollout;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.CanaryStep;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.Rollout;
import io.kubesim.engine.Simulation;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The AnalysisRuns of Rollouts (k8s-semantics.md 20.6): a canary step's run, the background
 * run, and blue-green pre- and post-promotion runs, each started once per template hash, with
 * its metrics from the AnalysisTemplates and what each metric measures from the scenario. A run
 * that ends wakes its Rollout.
 */
final class RolloutAnalyses {
    private final Simulation sim;
    private final RolloutStatusWriter status;
    private final Consumer<String> wake;
    private final Map<String, Manifest.AnalysisTemplateManifest> templates = new HashMap<>();
    private final Map<String, AnalysisMeasure> measures = new HashMap<>();
    private final RolloutMeasures source;
    /** By rollout key, then slot; insertion order. */
    private final Map<String, Map<String, AnalysisRun>> runs = new LinkedHashMap<>();

    RolloutAnalyses(Simulation sim, RolloutStatusWriter status, List<Manifest> manifests, List<AnalysisMeasure> mapped,
                    RolloutMeasures source, Consumer<String> wake) {
        this.sim = sim;
        this.status = status;
        this.wake = wake;
        this.source = source;
        for (Manifest m : manifests) {
            if (m instanceof Manifest.AnalysisTemplateManifest t) {
                templates.put((t.clusterScoped() ? "cluster:" : t.namespace() + "/") + t.name(), t);
            }
        }
        for (AnalysisMeasure a : mapped) {
            measures.put(a.metric(), a);
        }
    }

    /** A canary's step and background runs: start them when due, abort or pause on their outcome. */
    void reconcileCanary(RolloutState st) {
        Rollout r = st.rollout;
        RolloutStrategy.Canary canary = r.canary();
        if (st.fullyPromoted() || r.aborted() || st.newRs == null || r.promoteFull()) {
            terminateAll(r);
            return;
        }
        Integer index = r.currentStepIndex();
        if (index != null && index < canary.steps().size()
                && canary.steps().get(index) instanceof CanaryStep.Analysis a) {
            AnalysisRun run = run(st, "step-" + index, a.analysis());
            react(st, run);
        }
        if (canary.analysis() != null && index != null && index >= canary.analysis().startingStep()) {
            react(st, run(st, "background", canary.analysis()));
        }
    }

    /** Whether the analysis of step {@code index} succeeded. */
    boolean stepSucceeded(Rollout r, int index) {
        AnalysisRun run = current(r, "step-" + index);
        return run != null && run.phase() == AnalysisRun.Phase.SUCCESSFUL;
    }

    /** A blue-green pre- or post-promotion run's phase, started when absent; aborts or pauses as a step's would. */
    AnalysisRun.Phase blueGreen(RolloutState st, String slot, RolloutAnalysis analysis) {
        AnalysisRun run = run(st, slot, analysis);
        react(st, run);
        return run.phase();
    }

    private void react(RolloutState st, AnalysisRun run) {
        switch (run.phase()) {
            case FAILED, ERROR -> status.abort(st, "AnalysisRun \"" + run.name() + "\" " + run.phase().written()
                    + (run.message().isEmpty() ? "" : ": " + run.message()));
            case INCONCLUSIVE -> status.pause(st.rollout, Rollout.PauseCondition.INCONCLUSIVE_ANALYSIS);
            default -> {
            }
        }
    }

    /** Stops every run of the Rollout (promotion, abort, a new template). */
    void terminateAll(Rollout r) {
        Map<String, AnalysisRun> mine = runs.remove(r.metadata().key());
        if (mine != null) {
            mine.values().forEach(AnalysisRun::terminate);
        }
    }

    private AnalysisRun current(Rollout r, String slot) {
        Map<String, AnalysisRun> mine = runs.get(r.metadata().key());
        return mine == null ? null : mine.get(slot + "/" + r.currentPodHash());
    }

    private AnalysisRun run(RolloutState st, String slot, RolloutAnalysis analysis) {
        Rollout r = st.rollout;
        String key = slot + "/" + r.currentPodHash();
        Map<String, AnalysisRun> mine = runs.computeIfAbsent(r.metadata().key(), k -> new LinkedHashMap<>());
        AnalysisRun run = mine.get(key);
        if (run != null) {
            return run;
        }
        String name = r.name() + "-" + r.currentPodHash() + "-" + slot;
        List<AnalysisRun.Metric> metrics = new ArrayList<>();
        String missing = null;
        for (RolloutAnalysis.TemplateRef ref : analysis.templates()) {
            Manifest.AnalysisTemplateManifest t = templates.get((ref.clusterScope() ? "cluster:"
                    : r.metadata().namespace() + "/") + ref.templateName());
            if (t == null) {
                missing = (ref.clusterScope() ? "ClusterAnalysisTemplate" : "AnalysisTemplate") + " \""
                        + ref.templateName() + "\" not found";
                continue;
            }
            for (AnalysisMetric m : t.metrics()) {
                AnalysisMeasure measure = measures.get(t.name() + "/" + m.name());
                metrics.add(new AnalysisRun.Metric(m, measure != null ? measure : measures.get(m.name())));
            }
        }
        String canaryRs = st.newRs == null ? "" : st.newRs.name();
        ReplicaSet stable = st.stableRs;
        String stableRs = stable == null ? "" : stable.name();
        String ns = r.metadata().namespace();
        String rolloutKey = r.metadata().key();
        AnalysisRun.Source measuring = (measure, window) -> source.measure(measure, ns, canaryRs, stableRs, sim.now(), window);
        if (missing != null) {
            run = new AnalysisRun(name, sim, List.of(), measuring, () -> { });
            mine.put(key, run);
            status.abort(st, "AnalysisRun \"" + name + "\" Error: " + missing);
            return run;
        }
        run = new AnalysisRun(name, sim, metrics, measuring, () -> wake.accept(rolloutKey));
        mine.put(key, run);
        return run;
    }
}
