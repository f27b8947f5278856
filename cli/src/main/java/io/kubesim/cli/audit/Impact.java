package io.kubesim.cli.audit;

import java.util.Locale;

/**
 * What a finding's drill cost, as the simulation measured it (the mean over the drill's
 * replications), and what the same drill cost with the recommended fix applied: failed requests
 * (every Service's, within the drill's window) and seconds of outage of the Services.
 *
 * @param what     e.g. {@code node-pool upgrade}, {@code rollout of shop/web}
 * @param fixLabel    e.g. {@code with the recommended PDB}
 * @param withinNoise the fix's difference is within seed noise over the replications
 */
record Impact(String what, long failed, long outageSeconds, String fixLabel, long fixedFailed,
              long fixedOutageSeconds, boolean withinNoise) {
    /**
     * {@code node-pool upgrade: 882 failed requests and 13 s of outage; with the recommended PDB: 0 and 0 s},
     * marked {@code (no cost in this scenario)} when neither run lost anything, and {@code (no
     * difference beyond seed noise)} when the fix changes nothing measurable here.
     */
    String describe() {
        boolean nothing = failed == 0 && outageSeconds == 0 && fixedFailed == 0 && fixedOutageSeconds == 0;
        return String.format(Locale.ROOT, "%s: %,d failed request%s and %d s of outage; %s: %,d and %d s%s", what,
                failed, failed == 1 ? "" : "s", outageSeconds, fixLabel, fixedFailed, fixedOutageSeconds,
                nothing ? " (no cost in this scenario)"
                        : withinNoise ? " (no difference beyond seed noise in this scenario)" : "");
    }
}
