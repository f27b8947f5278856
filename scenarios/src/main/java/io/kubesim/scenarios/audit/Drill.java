package io.kubesim.scenarios.audit;

import java.util.List;

/**
 * The simulation behind a finding ({@code audit --simulate}): what to do to the cluster, to which
 * workload, and the finding's recommended fix in a form a run can apply: field overrides as
 * {@code --set} takes them and, for a missing object, a manifest to add.
 *
 * @param workload    the workload the drill acts on and measures ({@code ns/name})
 * @param kind        its kind ({@code Deployment}, {@code StatefulSet})
 * @param fixSets     {@code --set TARGET:PATH=VALUE} overrides that apply the fix
 * @param fixManifest a manifest (YAML) the fix adds, or null
 * @param fixLabel    how the fix reads in the result, e.g. {@code with the recommended PDB}
 * @param factor      for {@link Action#SPIKE}: how many times the scenario's peak load the spike brings
 */
public record Drill(Action action, String workload, String kind, List<String> fixSets, String fixManifest,
                    String fixLabel, double factor) {
    public Drill {
        fixSets = List.copyOf(fixSets);
    }

    /** A drill without a traffic factor. */
    public Drill(Action action, String workload, String kind, List<String> fixSets, String fixManifest, String fixLabel) {
        this(action, workload, kind, fixSets, fixManifest, fixLabel, 1);
    }

    /** The workload's name without its namespace, as outputs name its Service when it has the same name. */
    public String shortName() {
        return workload.substring(workload.indexOf('/') + 1);
    }

    /** What the drill does. */
    public enum Action {
        /**
         * A surge upgrade of the scenario's first pool that replaces every node at once (maxSurge the
         * pool's size): all old nodes are drained together once the new ones are Ready.
         */
        NODE_POOL_UPGRADE("node-pool upgrade"),
        /** A rollout of the workload ({@code kubectl rollout restart}). */
        ROLLOUT("rollout"),
        /** The scenario's traffic as it is, nothing else. */
        STEADY("steady traffic"),
        /**
         * Every entry point's load multiplied by {@link Drill#factor} (the HPA's max over its min)
         * for 3 minutes from the drill's start: the spike the autoscaler must follow.
         */
        SPIKE("traffic spike"),
        /** The node running the most of the workload's pods fails and stays down. */
        NODE_FAILURE("node failure"),
        /**
         * The workload's containers leak memory ({@link #LEAK_PER_MINUTE} a minute from start):
         * measured on every Service, with the pods the kubelet evicts, as neighbours pay for it.
         */
        MEMORY_LEAK("memory leak");

        /** How fast the drill's leak grows: a node of 16 GiB is short within the 10-minute drill scenario. */
        public static final String LEAK_PER_MINUTE = "2Gi";

        private final String label;

        Action(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
