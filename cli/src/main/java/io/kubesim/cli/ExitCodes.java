package io.kubesim.cli;

/** The exit codes of DESIGN.md's contract. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int INTERNAL_ERROR = 1;
    public static final int BAD_INPUT = 2;
    public static final int GATE_TRIPPED = 3;

    private ExitCodes() {
    }
}
