package io.kubesim.api;

/**
 * One entry of an HPA's {@code spec.metrics}. Resource and ContainerResource metrics (cpu, memory)
 * are simulated from the metrics-server model; Pods, Object and External metrics have no source in
 * kubesim and are kept as {@link Type#NOT_SIMULATED}, which the controller treats as an invalid
 * metric (k8s-semantics.md 1.6).
 *
 * @param resource  "cpu" or "memory" (empty when not simulated)
 * @param container the container of a ContainerResource metric, else empty
 * @param value     the target: percent for Utilization, millicores or bytes for AverageValue
 * @param source    the metric's type as written (Resource, Pods, External ...), for messages
 */
public record HpaMetric(Type type, String resource, String container, Target target, long value, String source) {
    public enum Type { RESOURCE, CONTAINER_RESOURCE, NOT_SIMULATED }

    public enum Target { UTILIZATION, AVERAGE_VALUE }

    /** The default metric when {@code spec.metrics} is empty: cpu at 80 % (k8s-semantics.md 1.1). */
    public static final HpaMetric DEFAULT_CPU = new HpaMetric(Type.RESOURCE, Resources.CPU, "", Target.UTILIZATION, 80,
            "Resource");

    public boolean cpu() {
        return Resources.CPU.equals(resource);
    }

    /** The metric's name as upstream's SuccessfulRescale reason words it. */
    public String describe() {
        String kind = type == Type.CONTAINER_RESOURCE ? " container resource" : " resource";
        return switch (type) {
            case NOT_SIMULATED -> source + " metric";
            default -> resource + kind + (target == Target.UTILIZATION ? " utilization (percentage of request)" : "");
        };
    }
}
