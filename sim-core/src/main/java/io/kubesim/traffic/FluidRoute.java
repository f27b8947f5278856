package io.kubesim.traffic;

import java.util.List;

/**
 * What a balancer view does with a step's volume while neither its endpoints nor the pods behind
 * them change: each endpoint's equal share either fails there (refused, or its connect times
 * out) or reaches a pod, after the retries the route allows. Pods of a {@link FluidCohort} that
 * every one of them reaches once are given their share through the cohort's state, once.
 *
 * @param endpoints    the view's routable list it was built from (compared by identity)
 * @param tries        how many endpoints a share tries, the first included
 * @param failedAt     the endpoints whose share fails, in the view's order
 * @param failures     why each of them fails
 * @param pods         the pods served on their own that get shares, each once
 * @param shares       how many shares each of {@code pods} gets
 * @param cohorts      the states of the cohorts whose members each get one share
 */
record FluidRoute(List<Endpoint> endpoints, int tries, int[] failedAt, RequestCause[] failures, FluidPod[] pods,
                  int[] shares, FluidPod[] cohorts) {

    /**
     * True while it still describes {@code endpoints} tried {@code tries} times (the model drops a
     * route when a pod behind it is admitted, changes state or cohort, or goes).
     */
    boolean current(List<Endpoint> endpoints, int tries) {
        return this.endpoints == endpoints && this.tries == tries;
    }
}
