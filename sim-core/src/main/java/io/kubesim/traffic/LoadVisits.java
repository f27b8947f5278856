package io.kubesim.traffic;

/**
 * Whether the traffic models' {@link TrafficModel#visitLoadChanges} leave out the pods whose
 * load did not change since their last visit (the default). Off, they visit every serving pod;
 * the kubelets' housekeeping gives the same results either way, which tests check.
 */
public final class LoadVisits {
    private static boolean onlyChanged = true;

    private LoadVisits() {
    }

    public static void onlyChanged(boolean on) {
        onlyChanged = on;
    }

    static boolean onlyChanged() {
        return onlyChanged;
    }
}
