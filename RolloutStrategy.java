package io.kubesim.api;

import java.util.List;

/** An Argo Rollout's {@code spec.strategy}: canary or blue-green (k8s-semantics.md 20.2-20.4). */
public sealed interface RolloutStrategy {
    /** Argo's scaleDownDelaySeconds / abortScaleDownDelaySeconds default (20.1). */
    int DEFAULT_SCALE_DOWN_DELAY_SECONDS = 30;

    /**
     * {@code strategy.canary}.
     *
     * @param trafficRouting             null for a basic canary (weights by replica counts, 20.3)
     * @param scaleDownDelaySeconds      null: 30 with traffic routing, none without (20.1)
     * @param abortScaleDownDelaySeconds null: 30 with traffic routing; 0 never scales down on abort
     * @param analysis                   background analysis, or null
     */
    record Canary(List<CanaryStep> steps, IntOrPercent maxSurge, IntOrPercent maxUnavailable, String canaryService,
                  String stableService, TrafficRouting trafficRouting, Integer scaleDownDelaySeconds,
                  Integer abortScaleDownDelaySeconds, boolean dynamicStableScale, Integer minPodsPerReplicaSet,
                  RolloutAnalysis analysis) implements RolloutStrategy {
        public static final IntOrPercent DEFAULT_MAX_SURGE = IntOrPercent.ofPercent(25);
        public static final IntOrPercent DEFAULT_MAX_UNAVAILABLE = IntOrPercent.ofPercent(25);

        public Canary {
            steps = List.copyOf(steps);
        }

        /** The delay before the old stable is scaled down after promotion, in seconds (20.1, 20.3). */
        public int effectiveScaleDownDelaySeconds() {
            if (scaleDownDelaySeconds != null) {
                return scaleDownDelaySeconds;
            }
            return trafficRouting == null ? 0 : DEFAULT_SCALE_DOWN_DELAY_SECONDS;
        }

        /** The delay before an aborted canary is scaled down; -1 never (an explicit 0, 20.1 and 20.5). */
        public int effectiveAbortScaleDownDelaySeconds() {
            if (trafficRouting == null) {
                return 0;
            }
            if (abortScaleDownDelaySeconds == null) {
                return DEFAULT_SCALE_DOWN_DELAY_SECONDS;
            }
            return abortScaleDownDelaySeconds == 0 ? -1 : abortScaleDownDelaySeconds;
        }
    }

    /**
     * {@code strategy.blueGreen} (20.4).
     *
     * @param previewService        null when the manifest has none
     * @param previewReplicaCount   null: the new ReplicaSet gets the full replica count
     * @param autoPromotionSeconds  0: no timed pause
     */
    record BlueGreen(String activeService, String previewService, boolean autoPromotionEnabled,
                     int autoPromotionSeconds, Integer previewReplicaCount, int scaleDownDelaySeconds,
                     int abortScaleDownDelaySeconds, Integer scaleDownDelayRevisionLimit,
                     RolloutAnalysis prePromotionAnalysis, RolloutAnalysis postPromotionAnalysis)
            implements RolloutStrategy {
    }

    /**
     * {@code canary.trafficRouting}: the router that realises weights exactly (20.3).
     *
     * @param router {@code nginx}, {@code istio}, {@code alb}, {@code smi}, {@code traefik},
     *               {@code ambassador}, {@code apisix}, {@code appMesh}, {@code plugins} ...
     *               (the first key under trafficRouting)
     */
    record TrafficRouting(String router) {
        /** Whether the router sits in every caller's path (a mesh), not only at the cluster's edge. */
        public boolean mesh() {
            return router.equals("istio") || router.equals("smi") || router.equals("appMesh");
        }
    }
}
