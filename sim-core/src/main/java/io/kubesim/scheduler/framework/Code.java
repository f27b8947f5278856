package io.kubesim.scheduler.framework;

/**
 * The outcome class of a plugin call, as upstream's framework status codes.
 * {@link #UNSCHEDULABLE} may be resolved by preemption; {@link #UNSCHEDULABLE_AND_UNRESOLVABLE}
 * cannot (DefaultPreemption skips such nodes). {@link #SKIP} is returned by PreFilter and
 * PreScore to say the plugin has nothing to do for this pod.
 */
public enum Code {
    SUCCESS, ERROR, UNSCHEDULABLE, UNSCHEDULABLE_AND_UNRESOLVABLE, SKIP
}
