package io.kubesim.traffic;

/**
 * Steady-state waiting in a pod that serves {@code c} requests at once with {@code q} more
 * waiting: the M/M/c/K queue ({@code K = c + q}) for blocking and the chance to wait, with the
 * Allen–Cunneen correction {@code (1 + Cs²) / 2} on the mean wait for service times that are not
 * exponential. The fluid model uses it below capacity, where waiting is random rather than a
 * backlog; O(c) per evaluation, no allocation.
 */
final class ErlangQueue {
    /** The probability that an arrival is refused because the queue is full. */
    double blocking;
    /** The probability that an accepted arrival waits at all. */
    double waitProbability;
    /** The mean wait of an accepted arrival that waits, in the unit of {@code meanService}. */
    double meanWaitIfWaiting;

    /** The arguments of the last evaluation (doubles as raw bits); servers 0 means none yet. */
    private int lastServers;
    private int lastQueueLimit;
    private long lastLambda;
    private long lastMeanService;
    private long lastCs2;

    /**
     * Evaluates the queue for arrivals at {@code lambda} per unit time.
     *
     * @param servers     concurrent requests ({@code c} ≥ 1)
     * @param queueLimit  waiting places ({@code q} ≥ 0)
     * @param meanService mean time a request holds a server
     * @param cs2         squared coefficient of variation of that time
     */
    void evaluate(int servers, int queueLimit, double lambda, double meanService, double cs2) {
        // The replicas of a workload usually ask with the very same numbers in a step (equal
        // shares of its traffic): the last answer is kept, and it is exactly what would be computed.
        if (servers == lastServers && queueLimit == lastQueueLimit
                && Double.doubleToRawLongBits(lambda) == lastLambda
                && Double.doubleToRawLongBits(meanService) == lastMeanService
                && Double.doubleToRawLongBits(cs2) == lastCs2) {
            return;
        }
        lastServers = servers;
        lastQueueLimit = queueLimit;
        lastLambda = Double.doubleToRawLongBits(lambda);
        lastMeanService = Double.doubleToRawLongBits(meanService);
        lastCs2 = Double.doubleToRawLongBits(cs2);
        blocking = 0;
        waitProbability = 0;
        meanWaitIfWaiting = 0;
        if (!(lambda > 0) || !(meanService > 0)) {
            return;
        }
        double a = lambda * meanService;
        double rho = Math.min(1.0, a / servers);
        // The terms a^n / n! relative to the one at n = c, summed from c - 1 down to 0.
        double below = 0;
        double term = 1;
        for (int n = servers; n >= 1 && term > 1e-300; n--) {
            term *= n / a;
            if (Double.isInfinite(term)) {
                return; // a far below c: nobody waits
            }
            below += term;
        }
        double busy = geometric(rho, queueLimit);          // sum of rho^j, j = 0 .. q - 1
        double all = busy + Math.pow(rho, queueLimit);     // j = 0 .. q
        double z = below + all;
        if (Double.isInfinite(z)) {
            return;
        }
        blocking = Math.pow(rho, queueLimit) / z;
        double accepted = 1 - blocking;
        if (accepted <= 0) {
            return;
        }
        waitProbability = busy / z / accepted;
        double queued = weightedGeometric(rho, queueLimit) / z;   // mean number waiting
        double meanWait = queued / (lambda * accepted);
        if (waitProbability > 0) {
            meanWaitIfWaiting = meanWait / waitProbability * (1 + cs2) / 2;
        }
    }

    /** Sum of rho^j for j = 0 .. m - 1. */
    private static double geometric(double rho, int m) {
        if (Math.abs(1 - rho) < 1e-9) {
            return m;
        }
        return (1 - Math.pow(rho, m)) / (1 - rho);
    }

    /** Sum of j rho^j for j = 1 .. m. */
    private static double weightedGeometric(double rho, int m) {
        if (Math.abs(1 - rho) < 1e-6) {
            return m * (m + 1) / 2.0;
        }
        double rm = Math.pow(rho, m);
        return rho * (1 - (m + 1) * rm + m * rm * rho) / ((1 - rho) * (1 - rho));
    }
}
