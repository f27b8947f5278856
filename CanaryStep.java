package io.kubesim.api;

/** One step of {@code strategy.canary.steps} (k8s-semantics.md 20.2). */
public sealed interface CanaryStep {
    /** How Argo names the step in its RolloutStepCompleted event: {@code setWeight: 20}, {@code pause: 30s}. */
    String describe();

    /** {@code setWeight: W}, 0..100. */
    record SetWeight(int weight) implements CanaryStep {
        @Override
        public String describe() {
            return "setWeight: " + weight;
        }
    }

    /**
     * {@code pause: {duration: D}}, or {@code pause: {}} (durationSeconds null) waiting for a
     * promote.
     *
     * @param written the duration as the manifest wrote it ({@code 30s}, {@code 1h}, {@code 60}), for the event
     */
    record Pause(Long durationSeconds, String written) implements CanaryStep {
        @Override
        public String describe() {
            return durationSeconds == null ? "pause" : "pause: " + written;
        }
    }

    /**
     * {@code setCanaryScale}: an explicit canary size ({@code replicas} or {@code weight} of
     * spec.replicas), or {@code matchTrafficWeight: true} to follow the weight again.
     */
    record SetCanaryScale(Integer replicas, Integer weight, boolean matchTrafficWeight) implements CanaryStep {
        @Override
        public String describe() {
            if (replicas != null) {
                return "setCanaryScale{replicas: " + replicas + "}";
            }
            if (weight != null) {
                return "setCanaryScale{weight: " + weight + "}";
            }
            return "setCanaryScale{matchTrafficWeight: " + matchTrafficWeight + "}";
        }
    }

    /** {@code analysis}: an AnalysisRun that must succeed before the next step. */
    record Analysis(RolloutAnalysis analysis) implements CanaryStep {
        @Override
        public String describe() {
            return "analysis";
        }
    }

    /**
     * A step kubesim does not simulate ({@code experiment}, {@code setHeaderRoute},
     * {@code setMirrorRoute}, {@code plugin}): it completes at once, and the reader warns.
     */
    record Unmodelled(String name) implements CanaryStep {
        @Override
        public String describe() {
            return name;
        }
    }
}
