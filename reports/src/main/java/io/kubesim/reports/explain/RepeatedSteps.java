package io.kubesim.reports.explain;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Folds a cycle of steps that repeats word for word (an image pull failing and backing off, a
 * container crashing and restarting) into its first occurrence and one step listing when each
 * repetition began, so the growing back-off stays visible without a screen of identical lines.
 * Steps are equal when their text and detail are; times are not compared.
 */
final class RepeatedSteps {
    /** The longest cycle looked for, in steps. */
    static final int MAX_PERIOD = 8;
    /** Repetition start times listed in full up to this many; beyond, the first ones and the last. */
    private static final int LISTED = 8;

    private RepeatedSteps() {
    }

    static List<Explanation.Step> fold(List<Explanation.Step> steps) {
        List<Explanation.Step> out = new ArrayList<>();
        int i = 0;
        while (i < steps.size()) {
            int bestPeriod = 0;
            int bestRepeats = 0;
            for (int p = 1; p <= MAX_PERIOD && i + 2 * p <= steps.size(); p++) {
                int r = 0;
                while (i + (r + 2) * p <= steps.size() && sameBlock(steps, i, i + (r + 1) * p, p)) {
                    r++;
                }
                if (r > 0 && (long) r * p > (long) bestRepeats * bestPeriod) {
                    bestPeriod = p;
                    bestRepeats = r;
                }
            }
            if (bestRepeats == 0) {
                out.add(steps.get(i++));
                continue;
            }
            out.addAll(steps.subList(i, i + bestPeriod));
            List<Double> starts = new ArrayList<>();
            for (int k = 1; k <= bestRepeats; k++) {
                starts.add(steps.get(i + k * bestPeriod).time());
            }
            out.add(summary(bestPeriod, starts));
            i += (bestRepeats + 1) * bestPeriod;
        }
        return out;
    }

    private static boolean sameBlock(List<Explanation.Step> steps, int a, int b, int p) {
        for (int k = 0; k < p; k++) {
            Explanation.Step x = steps.get(a + k);
            Explanation.Step y = steps.get(b + k);
            if (!x.text().equals(y.text()) || !x.detail().equals(y.detail())) {
                return false;
            }
        }
        return true;
    }

    private static Explanation.Step summary(int period, List<Double> starts) {
        List<String> at = new ArrayList<>();
        for (int k = 0; k < starts.size(); k++) {
            if (starts.size() > LISTED && k == LISTED - 2) {
                at.add("...");
                k = starts.size() - 1;
            }
            at.add(ExplainTime.format(starts.get(k)));
        }
        String what = period == 1 ? "the step above" : "the " + period + " steps above";
        String times = starts.size() == 1 ? "once more" : starts.size() + " more times";
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("repeatedSteps", period);
        facts.put("repetitions", starts.size());
        facts.put("starts", starts);
        return new Explanation.Step(starts.get(0), what + " repeated " + times + ", starting at "
                + String.join(", ", at), List.of(), facts);
    }
}
