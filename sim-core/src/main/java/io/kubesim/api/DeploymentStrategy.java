package io.kubesim.api;


/**
 * A Deployment's strategy: Recreate, or RollingUpdate with maxSurge and maxUnavailable
 * (defaults 25%/25%, k8s-semantics.md 2.1).
 */
public record DeploymentStrategy(boolean recreate, IntOrPercent maxSurge, IntOrPercent maxUnavailable) {
    public static final IntOrPercent DEFAULT_MAX_SURGE = IntOrPercent.ofPercent(25);
    public static final IntOrPercent DEFAULT_MAX_UNAVAILABLE = IntOrPercent.ofPercent(25);
    public static final DeploymentStrategy DEFAULT_ROLLING =
            new DeploymentStrategy(false, DEFAULT_MAX_SURGE, DEFAULT_MAX_UNAVAILABLE);
    public static final DeploymentStrategy RECREATE = new DeploymentStrategy(true, null, null);

    public static DeploymentStrategy rolling(IntOrPercent surge, IntOrPercent unavailable) {
        return new DeploymentStrategy(false, surge, unavailable);
    }

    public String typeName() {
        return recreate ? "Recreate" : "RollingUpdate";
    }
}
