package io.kubesim.api;

/**
 * A container lifecycle hook (preStop). The simulator needs how long it runs: a {@code sleep}
 * action or an exec of {@code sleep N} runs for that long; other handlers (httpGet, an exec of a
 * script) take the application model's {@code preStopTime} (0 when the scenario gives none).
 *
 * @param action         human description, e.g. {@code exec [sleep 15]}
 * @param durationMillis known duration of the hook, or -1 when it depends on the application
 * @param position       where the hook is declared, or null (generated or built in code); for
 *                       messages only, so it takes no part in equality or the printed form (a
 *                       pod template's hash is computed from that print)
 */
public record LifecycleHandler(String action, long durationMillis, SourcePosition position) {
    /** A hook with no recorded position. */
    public LifecycleHandler(String action, long durationMillis) {
        this(action, durationMillis, null);
    }

    public boolean hasKnownDuration() {
        return durationMillis >= 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LifecycleHandler h && h.action.equals(action) && h.durationMillis == durationMillis;
    }

    @Override
    public int hashCode() {
        return action.hashCode() * 31 + Long.hashCode(durationMillis);
    }

    @Override
    public String toString() {
        return "LifecycleHandler[action=" + action + ", durationMillis=" + durationMillis + "]";
    }
}
