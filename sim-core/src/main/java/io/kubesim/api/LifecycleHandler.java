package io.kubesim.api;

/**
 * A container lifecycle hook (preStop). The simulator needs how long it runs: a {@code sleep}
 * action or an exec of {@code sleep N} runs for that long; other handlers take
 * {@code durationMillis} from the application model (0 when unknown).
 *
 * @param action         human description, e.g. {@code exec [sleep 15]}
 * @param durationMillis known duration of the hook, or -1 when it depends on the application
 */
public record LifecycleHandler(String action, long durationMillis) {
    public boolean hasKnownDuration() {
        return durationMillis >= 0;
    }
}
