package io.kubesim.scenarios.audit;

import java.util.Locale;

/**
 * How much a finding matters: {@code HIGH} when a routine operation (a drain, a rollout, a node
 * loss, an upgrade) causes an outage or fails, {@code MEDIUM} when it costs requests or puts
 * neighbours at risk, {@code LOW} for hygiene. SARIF calls them error, warning and note.
 */
public enum Severity {
    HIGH("error"), MEDIUM("warning"), LOW("note");

    private final String sarifLevel;

    Severity(String sarifLevel) {
        this.sarifLevel = sarifLevel;
    }

    public String sarifLevel() {
        return sarifLevel;
    }

    /** {@code high}, {@code medium}, {@code low}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** True when this is at least as severe as {@code threshold}. */
    public boolean atLeast(Severity threshold) {
        return ordinal() <= threshold.ordinal();
    }

    /** The severity named {@code s} (any case); null when there is none. */
    public static Severity parse(String s) {
        for (Severity v : values()) {
            if (v.label().equalsIgnoreCase(s)) {
                return v;
            }
        }
        return null;
    }
}
