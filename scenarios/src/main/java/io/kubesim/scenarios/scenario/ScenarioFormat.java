package io.kubesim.scenarios.scenario;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scenario file format in one place: its apiVersion and kind and, for every object in it,
 * the fields it may have. The reader rejects any other field; docs/scenario.schema.json declares
 * the same objects under the same names in {@code $defs}, and a test keeps the two equal.
 */
public final class ScenarioFormat {
    public static final String API_VERSION = "kubesim.io/v1alpha1";
    public static final String KIND = "Scenario";

    /** The name of the default application model in {@code applications}. */
    public static final String DEFAULT_APPLICATION = "default";

    /** Timeline action keys, in documentation order. */
    public static final List<String> ACTIONS = List.of("rollout", "undo", "pause", "resume", "promote", "abort", "retry", "apply", "patch", "scale", "addNodes", "removeNodes", "cordon", "uncordon",
            "drain", "upgrade", "failNodes", "failZone", "failBusiestNode", "failBusiestZone", "recoverNodes",
            "recoverZone");

    /** Arrival kinds of a traffic entry point, in documentation order. */
    public static final List<String> ARRIVALS = List.of("constant", "ramp", "steps", "diurnal", "spikes", "trace",
            "closedLoop");

    /** Fields by object name (the schema's {@code $defs} names), in documentation order. */
    public static final Map<String, List<String>> OBJECTS = objects();

    private ScenarioFormat() {
    }

    private static Map<String, List<String>> objects() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("Scenario", List.of("apiVersion", "kind", "metadata", "seed", "duration", "sampleInterval", "manifests",
                "cluster", "applications", "timeline", "traffic", "network", "controlPlane", "registry", "readinessGates",
                "startTime", "storage", "gates", "warmup", "analysis"));
        m.put("Metadata", List.of("name", "description"));
        m.put("Cluster", List.of("nodePools"));
        m.put("NodePool", List.of("name", "count", "allocatable", "capacity", "labels", "taints", "zones",
                "provisioningTime", "kubelet", "autoscaling", "images"));
        m.put("NodePoolAutoscaling", List.of("minCount", "maxCount"));
        m.put("Kubelet", List.of("evictionHard", "evictionSoft", "evictionSoftGracePeriod",
                "evictionPressureTransitionPeriod", "evictionMaxPodGracePeriod", "evictionMinimumReclaim"));
        m.put("Taint", List.of("key", "value", "effect"));
        m.put("Application", List.of("imagePullTime", "startupTime", "shutdownTime", "crashAfter", "preStopTime",
                "serving", "usage", "initTime", "containers", "runTime", "failureProbability", "versions"));
        m.put("ApplicationVersion", List.of("image", "label", "annotation", "imagePullTime", "startupTime",
                "shutdownTime", "crashAfter", "preStopTime", "serving", "usage", "initTime", "containers", "runTime",
                "failureProbability"));
        m.put("ApplicationContainer", List.of("usage", "initTime", "runTime", "failureProbability"));
        m.put("Serving", List.of("concurrency", "queueLimit", "serviceTime", "timeout", "warmUp", "warmUpSlowdown",
                "onSigterm", "calls", "cpuPerRequest", "memoryPerRequest", "maxConnectionAge", "errorRatio",
                "errorStatus"));
        m.put("Call", List.of("service", "probability", "timeout", "client", "onFailure", "via"));
        m.put("Client", List.of("connections", "loadBalancing", "idleTimeout", "maxIdle", "maxRequests", "connectTimeout",
                "timeout", "retries"));
        m.put("Retries", List.of("attempts", "perTryTimeout", "backoff", "on", "budget"));
        m.put("Backoff", List.of("base", "max"));
        m.put("RetryBudget", List.of("ratio", "minPerSecond", "ttl"));
        m.put("Usage", List.of("cpu", "memory", "memoryGrowthPerMinute", "burst"));
        m.put("UsageBurst", List.of("start", "every", "duration", "cpu", "memory"));
        m.put("Distribution", List.of("lognormal", "uniform", "normal", "exponential", "empirical"));
        m.put("LogNormal", List.of("median", "p99"));
        m.put("Uniform", List.of("min", "max"));
        m.put("Normal", List.of("mean", "stddev"));
        m.put("Exponential", List.of("mean"));
        m.put("TimelineEntry", List.of("at", "rollout", "undo", "pause", "resume", "promote", "abort", "retry", "apply", "patch", "scale", "addNodes", "removeNodes", "cordon", "uncordon", "drain",
                "upgrade", "failNodes", "failZone", "failBusiestNode", "failBusiestZone", "recoverNodes", "recoverZone"));
        m.put("Rollout", List.of("deployment", "statefulset", "daemonset", "rollout", "images", "rollbackOn"));
        m.put("Promote", List.of("rollout", "full"));
        m.put("RolloutCommand", List.of("rollout"));
        m.put("Apply", List.of("manifests"));
        m.put("RollbackOn", List.of("errorRatio", "p99Ms", "for", "progressDeadlineExceeded", "reactionDelay",
                "bakeTime"));
        m.put("Undo", List.of("deployment", "toRevision"));
        m.put("PauseRollout", List.of("deployment", "rollout"));
        m.put("Patch", List.of("service", "selector", "object", "merge"));
        m.put("Scale", List.of("deployment", "replicaset", "replicationcontroller", "statefulset", "replicas"));
        m.put("AddNodes", List.of("pool", "count"));
        m.put("RemoveNodes", List.of("pool", "count", "nodes"));
        m.put("FailZone", List.of("zone"));
        m.put("FailBusiestNode", List.of("pool", "deployment", "statefulset"));
        m.put("FailBusiestZone", List.of());
        m.put("NodeList", List.of("nodes"));
        m.put("Drain", List.of("node", "timeout", "gracePeriod", "force"));
        m.put("Upgrade", List.of("pool", "maxSurge", "maxUnavailable", "drainTimeout", "gracePeriod"));
        m.put("EntryPoint", List.of("name", "service", "via", "arrivals", "poisson", "startAt", "retries", "timeout",
                "loadBalance", "client", "clients"));
        m.put("Arrivals", ARRIVALS);
        m.put("Ramp", List.of("from", "to", "over", "at"));
        m.put("Step", List.of("at", "rate"));
        m.put("Diurnal", List.of("mean", "amplitude", "period", "peak"));
        m.put("Spikes", List.of("base", "bursts"));
        m.put("Burst", List.of("at", "duration", "rate", "multiplier"));
        m.put("ClosedLoop", List.of("users", "thinkTime", "maxRate"));
        m.put("Trace", List.of("file", "layout", "column", "start", "function", "timeScale", "rateScale", "offset"));
        m.put("ControlPlane", List.of("nodeMonitorGracePeriod", "horizontalPodAutoscalerSyncPeriod",
                "horizontalPodAutoscalerTolerance", "horizontalPodAutoscalerDownscaleStabilization",
                "horizontalPodAutoscalerCpuInitializationPeriod", "horizontalPodAutoscalerInitialReadinessDelay",
                "metricResolution", "clusterAutoscaler"));
        m.put("ClusterAutoscaler", List.of("scanInterval", "scaleDownEnabled", "scaleDownDelayAfterAdd",
                "scaleDownDelayAfterDelete", "scaleDownDelayAfterFailure", "scaleDownUnneededTime",
                "scaleDownUtilizationThreshold", "maxNodeProvisionTime", "maxGracefulTermination", "maxEmptyBulkDelete",
                "expander"));
        m.put("Network", List.of("endpointSliceDelay", "kubeProxyDelay", "ingressDelay", "dnsDelay", "proxyMode",
                "ipvsScheduler", "meshDelay"));
        m.put("Registry", List.of("manifestRoundTrip", "images"));
        m.put("RegistryImage", List.of("pullError", "failureRate"));
        m.put("ReadinessGate", List.of("delay"));
        m.put("Storage", List.of("provisioners", "attachTime", "detachTime", "defaultStorageClass"));
        m.put("AnalysisMeasure", List.of("measure", "of", "window"));
        m.put("Provisioner", List.of("storageClass", "provisioner", "provisioningTime", "zones"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The fields of an object; throws for a name that is not part of the format. */
    public static List<String> fields(String object) {
        List<String> f = OBJECTS.get(object);
        if (f == null) {
            throw new IllegalArgumentException("no object " + object + " in the scenario format");
        }
        return f;
    }
}
