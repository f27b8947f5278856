package io.kubesim.scheduler.framework;

import java.util.List;

/**
 * The result of a plugin call: a {@link Code}, the reasons (the strings counted in the
 * FailedScheduling message) and the plugin that produced it. Immutable, so plugins keep their
 * common failures as constants and the Filter path allocates nothing; success is the shared
 * {@link #SUCCESS}.
 */
public final class Status {
    public static final Status SUCCESS = new Status(Code.SUCCESS, "", List.of());
    public static final Status SKIP = new Status(Code.SKIP, "", List.of());

    private final Code code;
    private final String plugin;
    private final List<String> reasons;

    private Status(Code code, String plugin, List<String> reasons) {
        this.code = code;
        this.plugin = plugin;
        this.reasons = reasons;
    }

    /** A status from {@code plugin} with one or more reasons. */
    public static Status of(Code code, String plugin, String... reasons) {
        return new Status(code, plugin, List.of(reasons));
    }

    public static Status of(Code code, String plugin, List<String> reasons) {
        return new Status(code, plugin, List.copyOf(reasons));
    }

    public static Status unschedulable(String plugin, String reason) {
        return new Status(Code.UNSCHEDULABLE, plugin, List.of(reason));
    }

    public static Status unresolvable(String plugin, String reason) {
        return new Status(Code.UNSCHEDULABLE_AND_UNRESOLVABLE, plugin, List.of(reason));
    }

    public Code code() {
        return code;
    }

    public boolean isSuccess() {
        return code == Code.SUCCESS;
    }

    public boolean isSkip() {
        return code == Code.SKIP;
    }

    /** The plugin that returned this status ("" for success). */
    public String plugin() {
        return plugin;
    }

    public List<String> reasons() {
        return reasons;
    }

    /** The reasons joined with ", " as upstream's {@code Status.Message()}. */
    public String message() {
        return String.join(", ", reasons);
    }

    @Override
    public String toString() {
        return code + (plugin.isEmpty() ? "" : " " + plugin) + (reasons.isEmpty() ? "" : " " + reasons);
    }
}
