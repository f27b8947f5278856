package io.kubesim.traffic;

/**
 * A source of arrival instants in non-decreasing order, drawn one at a time, so a long trace or
 * a day of Poisson arrivals is never held in memory.
 */
interface ArrivalSequence {
    /** The next instant in virtual microseconds, or Long.MAX_VALUE once there are no more. */
    long draw();
}
