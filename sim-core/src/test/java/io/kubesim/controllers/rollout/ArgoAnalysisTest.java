package io.kubesim.controllers.rollout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.CanaryStep;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.app.ApplicationModel;
import io.kubesim.app.ApplicationVersion;
import io.kubesim.app.ServingModel;
import io.kubesim.engine.SimTime;
import io.kubesim.metrics.ClusterEvent;
import io.kubesim.sim.SimulationSpec;
import io.kubesim.traffic.ArrivalSpec;
import io.kubesim.traffic.EntryPoint;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.PodTraffic;
import io.kubesim.traffic.RateSeries;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A bad release (web:2 fails 30 % of its requests) through a traffic-routed canary: the router
 * sends the canary its weight of the requests, and the step's analysis of the canary's error
 * ratio aborts the update (k8s-semantics.md 20.3, 20.5, 20.6).
 */
class ArgoAnalysisTest {
    private static final RolloutAnalysis ANALYSIS = new RolloutAnalysis(
            List.of(new RolloutAnalysis.TemplateRef("error-rate", false)), Map.of(), 0);

    private static final AnalysisMetric ERROR_RATE = new AnalysisMetric("error-rate", 10L, 3, "result[0] < 0.05",
            null, 0, 0, AnalysisMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 10, "prometheus", "sum(rate(...))",
            "t.yaml:1:1");

    private static SimulationSpec spec(List<CanaryStep> steps, boolean mapped, double badRatio) {
        return spec(steps, null, ERROR_RATE, mapped, badRatio);
    }

    private static SimulationSpec spec(List<CanaryStep> steps, RolloutAnalysis background, AnalysisMetric metric,
                                       boolean mapped, double badRatio) {
        RolloutStrategy.Canary canary = new RolloutStrategy.Canary(steps, RolloutStrategy.Canary.DEFAULT_MAX_SURGE,
                RolloutStrategy.Canary.DEFAULT_MAX_UNAVAILABLE, "web-canary", "web-stable",
                new RolloutStrategy.TrafficRouting("nginx"), null, null, false, null, background);
        return spec(canary, "web-stable", metric, mapped, badRatio);
    }

    private static SimulationSpec spec(RolloutStrategy strategy, String entryService, AnalysisMetric metric,
                                       boolean mapped, double badRatio) {
        Manifest.AnalysisTemplateManifest template = new Manifest.AnalysisTemplateManifest("default", "error-rate",
                false, List.of(metric), Manifest.Origin.UNKNOWN);
        List<Manifest> manifests = List.of(ArgoRollouts.service("web-canary"), ArgoRollouts.service("web-stable"),
                ArgoRollouts.rollout(10, strategy), template);
        ApplicationModel good = ApplicationModel.DEFAULT;
        ServingModel s = good.serving();
        ApplicationModel bad = good.withServing(new ServingModel(s.concurrency(), s.queueLimit(), s.serviceTime(),
                s.timeout(), s.warmUp(), s.warmUpSlowdown(), s.drainOnSigterm(), s.calls(), s.cpuPerRequest(),
                s.memoryPerRequest(), s.maxConnectionAge(), badRatio, 500));
        EntryPoint entry = new EntryPoint("users", entryService, false,
                new ArrivalSpec.Rate(new RateSeries(new long[] {0}, new double[] {200}), true));
        EntryPoint smoke = new EntryPoint("smoke", "web-canary", false,
                new ArrivalSpec.Rate(new RateSeries(new long[] {0}, new double[] {20}), true));
        SimulationSpec spec = ArgoRollouts.spec(manifests, SimTime.minutes(6), List.of())
                .withTraffic(entryService.equals("web-stable") ? List.of(entry) : List.of(entry, smoke),
                        NetworkSpec.DEFAULT)
                .withVersions(Map.of("web", List.of(new ApplicationVersion("web:2", null, null, bad))));
        return mapped ? spec.withAnalysis(List.of(new AnalysisMeasure("error-rate", AnalysisMeasure.Kind.ERROR_RATIO, 0,
                false, AnalysisMeasure.CANARY, null))) : spec;
    }

    private static double canaryShare(ArgoRollouts.Run run) {
        double canary = 0;
        double all = 0;
        for (PodTraffic p : run.sim().podTraffic().pods()) {
            all += p.requests();
            if ("web:2".equals(p.image())) {
                canary += p.requests();
            }
        }
        return canary / all;
    }

    @Test
    void theRouterSendsTheCanaryItsWeightOfTheRequests() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Pause(null, null));
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(steps, false, 0));
        run.until(SimTime.minutes(6));
        // the canary got 20 % of the requests from the weight change on (about 4.5 of 6 minutes)
        double share = canaryShare(run);
        assertTrue(share > 0.12 && share < 0.17, "canary share " + share);
        // per version in the time series: both ReplicaSets of Rollout/web, summing to the requests served
        var result = run.sim().result();
        List<io.kubesim.metrics.TimeSeries> versions = result.series().all().stream()
                .filter(t -> t.name().equals("version_requests")).toList();
        assertEquals(2, versions.size(), versions.toString());
        assertTrue(versions.stream().allMatch(t -> t.labels().startsWith("workload=Rollout/web;version=web-")));
        double total = run.sim().podTraffic().pods().stream().mapToDouble(PodTraffic::requests).sum();
        double inSeries = 0;
        for (io.kubesim.metrics.TimeSeries t : versions) {
            for (int i = 0; i < t.size(); i++) {
                inSeries += t.valueAt(i);
            }
        }
        assertEquals(total, inSeries, 1e-6);
    }

    @Test
    void aFailingStepAnalysisAbortsTheUpdateAndTheStableTakesAllTrafficAgain() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Analysis(ANALYSIS),
                new CanaryStep.SetWeight(50), new CanaryStep.Pause(null, null));
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(steps, true, 0.3));
        run.until(SimTime.minutes(6));
        List<ClusterEvent> aborted = run.events("RolloutAborted");
        assertEquals(1, aborted.size());
        assertTrue(aborted.get(0).message().contains("Metric \"error-rate\" assessed Failed due to failed (1) > "
                + "failureLimit (0)"), aborted.get(0).message());
        ClusterEvent step1 = run.events("RolloutStepCompleted").get(0);
        // the first measurement comes initialDelay (10 s) after the analysis step starts
        assertEquals(SimTime.seconds(10), aborted.get(0).time() - step1.time());
        assertEquals(0, run.replicas("web:2"));
        assertEquals("Degraded", run.rollout().phase());
        assertEquals(0, run.sim().store().trafficSplits().of("default/web-stable").weight());
    }

    @Test
    void aHealthyReleasePassesTheAnalysis() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Analysis(ANALYSIS),
                new CanaryStep.SetWeight(50));
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(steps, true, 0));
        run.until(SimTime.minutes(6));
        assertTrue(run.events("RolloutAborted").isEmpty());
        assertEquals(List.of("Rollout step 1/3 completed (setWeight: 20)", "Rollout step 2/3 completed (analysis)",
                "Rollout step 3/3 completed (setWeight: 50)"),
                run.events("RolloutStepCompleted").stream().map(ClusterEvent::message).toList());
        assertEquals("Healthy", run.rollout().phase());
    }

    @Test
    void anUnmappedMetricMeasuresSuccessfulSoNoDefaultInventsAFailure() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Analysis(ANALYSIS));
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(steps, false, 0.3));
        run.until(SimTime.minutes(6));
        assertTrue(run.events("RolloutAborted").isEmpty());
        assertEquals("Healthy", run.rollout().phase());
    }

    @Test
    void aFailingBackgroundAnalysisAbortsWhileTheCanaryWaitsAtAPause() {
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Pause(null, null));
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(steps, ANALYSIS, ERROR_RATE, true, 0.3));
        run.until(SimTime.minutes(6));
        // 20.6: background analysis runs beside the steps; a failed run aborts
        assertEquals(1, run.events("RolloutAborted").size());
        assertTrue(run.events("RolloutAborted").get(0).message().contains("-background\" Failed"));
        assertEquals(0, run.replicas("web:2"));
    }

    @Test
    void anInconclusiveMeasurementPausesUntilPromoted() {
        // 20.6: with both conditions, a measurement matching neither is Inconclusive; 20.2: the Rollout
        // pauses (InconclusiveAnalysis) and a promote goes on to the next step
        AnalysisMetric between = new AnalysisMetric("error-rate", 10L, 1, "result[0] < 0.01", "result[0] > 0.5", 0, 0,
                AnalysisMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT, 10, "prometheus", "q", "t.yaml:1:1");
        List<CanaryStep> steps = List.of(new CanaryStep.SetWeight(20), new CanaryStep.Analysis(ANALYSIS),
                new CanaryStep.SetWeight(50));
        SimulationSpec spec = spec(steps, null, between, true, 0.1);
        ArgoRollouts.Run paused = ArgoRollouts.Run.of(spec);
        paused.until(SimTime.minutes(6));
        assertEquals("Paused", paused.rollout().phase());
        assertEquals("InconclusiveAnalysis", paused.rollout().message());
        assertEquals(2, paused.replicas("web:2"), "held at setWeight: 20");

        long promoteAt = SimTime.minutes(3);
        ArgoRollouts.Run promoted = ArgoRollouts.Run.of(spec.withTimeline(java.util.stream.Stream.concat(
                spec.timeline().stream(), java.util.stream.Stream.of(
                        new io.kubesim.sim.TimelineAction.RolloutCommand(promoteAt, "web", "promote"))).toList()));
        promoted.until(SimTime.minutes(6));
        assertEquals("Healthy", promoted.rollout().phase());
        assertTrue(promoted.events("RolloutStepCompleted").stream().anyMatch(e -> e.time() >= promoteAt
                && e.message().equals("Rollout step 3/3 completed (setWeight: 50)")));
    }

    @Test
    void aFailingPrePromotionAnalysisKeepsTheActiveServiceOnTheOldVersion() {
        RolloutStrategy.BlueGreen bg = new RolloutStrategy.BlueGreen("web-stable", "web-canary", true, 0, null, 30, 30,
                null, ANALYSIS, null);
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(bg, "web-stable", ERROR_RATE, true, 0.3));
        run.until(SimTime.minutes(6));
        // 20.4: pre-promotion analysis runs against the preview before the switch; failure aborts
        assertEquals(1, run.events("RolloutAborted").size());
        String oldHash = run.sim().store().replicaSets().list().stream()
                .filter(rs -> rs.template().spec().containers().get(0).image().equals("web:1"))
                .map(rs -> rs.metadata().labels().get("rollouts-pod-template-hash")).findFirst().orElseThrow();
        assertEquals(oldHash, run.sim().store().services().get("default/web-stable").selector()
                .get("rollouts-pod-template-hash"));
        assertEquals(0, run.replicas("web:2"), "the preview is scaled down abortScaleDownDelaySeconds later");
    }

    @Test
    void aFailingPostPromotionAnalysisSwitchesTheActiveServiceBack() {
        RolloutStrategy.BlueGreen bg = new RolloutStrategy.BlueGreen("web-stable", "web-canary", true, 0, null, 30, 30,
                null, null, ANALYSIS);
        ArgoRollouts.Run run = ArgoRollouts.Run.of(spec(bg, "web-stable", ERROR_RATE, true, 0.3));
        run.until(SimTime.minutes(6));
        // 20.4: post-promotion analysis fails after the switch: abort, the active goes back to the old
        // ReplicaSet, still up thanks to the scale-down delay
        assertEquals(1, run.events("RolloutAborted").size());
        assertEquals(10, run.replicas("web:1"));
        assertEquals(run.rollout().stableRs(), run.sim().store().services().get("default/web-stable").selector()
                .get("rollouts-pod-template-hash"));
        assertEquals("Degraded", run.rollout().phase());
    }
}
