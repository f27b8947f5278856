package io.kubesim.cli.sweep;

import io.kubesim.cli.UsageError;

/** {@code --shard I/N}: the I-th (from 1) of N slices of a sweep's points. */
final class SweepShards {
    private SweepShards() {
    }

    /** {i, n}; a usage error for anything but 1 <= I <= N. */
    static int[] parse(String text) {
        String[] parts = text.split("/", -1);
        try {
            if (parts.length == 2) {
                int i = Integer.parseInt(parts[0].strip());
                int n = Integer.parseInt(parts[1].strip());
                if (n >= 1 && i >= 1 && i <= n) {
                    return new int[] {i, n};
                }
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new UsageError("--shard " + text + ": expected I/N with 1 <= I <= N, e.g. 2/8");
    }
}
