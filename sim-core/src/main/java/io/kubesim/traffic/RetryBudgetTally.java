package io.kubesim.traffic;

import io.kubesim.app.RetryBudget;
import io.kubesim.engine.SimTime;

/** One client's requests and retries per second over its retry budget's window. */
final class RetryBudgetTally {
    private final RetryBudget budget;
    private final long[] requests;
    private final long[] retries;
    private long second = -1;

    RetryBudgetTally(RetryBudget budget) {
        this.budget = budget;
        int n = (int) Math.max(1, budget.ttl() / SimTime.seconds(1));
        this.requests = new long[n];
        this.retries = new long[n];
    }

    /** A request (not a retry) was sent now. */
    void request(long now) {
        requests[slot(now)]++;
    }

    /** Takes one retry from the budget now; false when it is spent. */
    boolean tryRetry(long now) {
        int s = slot(now);
        long sent = 0;
        long retried = 0;
        for (int i = 0; i < requests.length; i++) {
            sent += requests[i];
            retried += retries[i];
        }
        double allowed = budget.ratio() * sent + budget.minPerSecond() * requests.length;
        if (retried + 1 > allowed) {
            return false;
        }
        retries[s]++;
        return true;
    }

    /** The slot of now's second; the slots of the seconds skipped since the last call are cleared. */
    private int slot(long now) {
        long sec = now / SimTime.seconds(1);
        if (sec != second) {
            long skipped = second < 0 ? requests.length : Math.min(requests.length, sec - second);
            for (long k = 1; k <= skipped; k++) {
                int i = (int) Math.floorMod(second + k, (long) requests.length);
                requests[i] = 0;
                retries[i] = 0;
            }
            second = sec;
        }
        return (int) Math.floorMod(sec, (long) requests.length);
    }
}
