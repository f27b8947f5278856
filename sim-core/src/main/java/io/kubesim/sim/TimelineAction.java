package io.kubesim.sim;

import io.kubesim.api.Collections2;
import io.kubesim.api.Manifest;
import java.util.List;
import java.util.Map;

/**
 * Something the scenario does at a point in virtual time. Deployment names may be
 * namespace-qualified ({@code ns/name}); a bare name means the default namespace or the only
 * Deployment of that name.
 */
public sealed interface TimelineAction {
    /** When it happens, in virtual microseconds. */
    long at();

    /** A short description for logs and errors. */
    String describe();

    /**
     * Rolls out a new template version: sets container images ({@code container -> image}); with
     * no images it restarts the rollout as {@code kubectl rollout restart} does (an annotation).
     *
     * @param deployment the workload's name (a Deployment's, or a StatefulSet's when {@code kind} says so)
     * @param kind       {@code Deployment}, {@code StatefulSet} or {@code Rollout} (Argo)
     * @param rollbackOn when to undo it automatically (Deployments only), or null
     */
    record Rollout(long at, String deployment, Map<String, String> images, String kind, RollbackOn rollbackOn)
            implements TimelineAction {
        public static final String DEPLOYMENT = "Deployment";
        public static final String STATEFUL_SET = "StatefulSet";
        /** An Argo Rollout (argoproj.io/v1alpha1). */
        public static final String ARGO_ROLLOUT = "Rollout";

        public Rollout {
            images = Collections2.sortedCopy(images);
            kind = kind == null ? DEPLOYMENT : kind;
        }

        /** A Deployment's rollout. */
        public Rollout(long at, String deployment, Map<String, String> images) {
            this(at, deployment, images, DEPLOYMENT);
        }

        /** A rollout nothing undoes by itself. */
        public Rollout(long at, String deployment, Map<String, String> images, String kind) {
            this(at, deployment, images, kind, null);
        }

        public String describe() {
            return kind.equals(DEPLOYMENT) ? "rollout " + deployment : "rollout " + kind + " " + deployment;
        }
    }

    /**
     * {@code kubectl rollout undo}: the Deployment's template goes back to a revision's (the
     * previous one, or {@code toRevision}), as kubectl copies that ReplicaSet's template; the
     * controller then scales that ReplicaSet up again and gives it the next revision number.
     *
     * @param toRevision the revision to go back to, 0 for the one before the current
     */
    record Undo(long at, String deployment, long toRevision) implements TimelineAction {
        public String describe() {
            return "undo " + deployment + (toRevision > 0 ? " to revision " + toRevision : "");
        }
    }

    /**
     * {@code kubectl patch service NAME -p '{"spec":{"selector":...}}'}: the Service selects other
     * pods from now on (a hand-made blue-green switch); the EndpointSlices follow, and the
     * balancers after their delays.
     *
     * @param service {@code namespace/name}
     */
    /**
     * {@code kubectl argo rollouts promote [--full] | abort | retry | pause} on an Argo Rollout,
     * or resuming its manual pause (k8s-semantics.md 20.2, 20.5).
     *
     * @param rollout the Rollout's name or {@code namespace/name}
     * @param command {@code promote}, {@code promoteFull}, {@code abort}, {@code retry}, {@code pause} or {@code resume}
     */
    record RolloutCommand(long at, String rollout, String command) implements TimelineAction {
        public static final List<String> COMMANDS = List.of("promote", "promoteFull", "abort", "retry", "pause",
                "resume");

        public String describe() {
            return command + " rollout/" + rollout;
        }
    }

    /**
     * {@code kubectl apply -f FILE...} mid-run (a {@code helm upgrade}), or a merge patch of one
     * object ({@code kubectl patch --type merge}): existing objects get the new spec, new ones are
     * created ({@link ManifestApply}).
     *
     * @param verb      {@code apply} or {@code patch}, as the timeline wrote it
     * @param target    the files applied, or the object patched ({@code deployment/web}), for outputs
     * @param manifests the objects, in file order
     */
    record Apply(long at, String verb, String target, List<Manifest> manifests) implements TimelineAction {
        public Apply {
            manifests = List.copyOf(manifests);
        }

        /** An apply of files. */
        public Apply(long at, String files, List<Manifest> manifests) {
            this(at, "apply", files, manifests);
        }

        public String describe() {
            return verb + " " + target;
        }
    }

    record PatchService(long at, String service, Map<String, String> selector) implements TimelineAction {
        public PatchService {
            selector = Collections2.sortedCopy(selector);
        }

        public String describe() {
            return "patch service " + service;
        }
    }

    /**
     * {@code kubectl rollout pause} ({@code pause} true) or {@code resume}: sets the Deployment's
     * {@code spec.paused}; a paused Deployment's controller only scales, it does not progress a
     * rollout.
     */
    record PauseRollout(long at, String deployment, boolean pause) implements TimelineAction {
        public String describe() {
            return (pause ? "pause " : "resume ") + deployment;
        }
    }

    /**
     * Rolls out a new template version of a DaemonSet, as {@link Rollout} does for a Deployment
     * (scenario {@code rollout: {daemonset: NAME}}); the DaemonSet's update strategy applies.
     */
    record RolloutDaemonSet(long at, String daemonSet, Map<String, String> images) implements TimelineAction {
        public RolloutDaemonSet {
            images = Collections2.sortedCopy(images);
        }

        public String describe() {
            return "rollout daemonset " + daemonSet;
        }
    }

    /**
     * Sets a workload's replicas through its {@code /scale} subresource, as {@code kubectl scale}
     * does: a Deployment, ReplicaSet, ReplicationController or any other kind registered in
     * {@link io.kubesim.cluster.ScaleSubresources}.
     *
     * @param workload the workload's name ({@code name} or {@code ns/name})
     * @param kind     its kind, e.g. {@code Deployment}
     */
    record Scale(long at, String workload, int replicas, String kind) implements TimelineAction {
        /** Scales a Deployment. */
        public Scale(long at, String deployment, int replicas) {
            this(at, deployment, replicas, "Deployment");
        }

        public String describe() {
            return "scale " + (kind.equals("Deployment") ? "" : kind.toLowerCase(java.util.Locale.ROOT) + "/")
                    + workload + " to " + replicas;
        }
    }

    /** Adds nodes to a pool. */
    record AddNodes(long at, String pool, int count) implements TimelineAction {
        public String describe() {
            return "add " + count + " node(s) to " + pool;
        }
    }

    /**
     * Removes nodes abruptly (the Node object is deleted, as a cloud provider does when a VM
     * disappears): the named nodes, or the {@code count} newest of a pool.
     */
    record RemoveNodes(long at, String pool, int count, List<String> nodes) implements TimelineAction {
        public RemoveNodes {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return nodes.isEmpty() ? "remove " + count + " node(s) from " + pool : "remove nodes " + nodes;
        }
    }

    /**
     * Nodes' machines go down (power loss, kernel panic, a network partition): their kubelets
     * stop, their processes are gone, but the Node and Pod objects stay in the API; the
     * node-lifecycle controller notices after its grace period. The named nodes, or the
     * {@code count} newest of a pool that are still up.
     */
    record FailNodes(long at, String pool, int count, List<String> nodes) implements TimelineAction {
        public FailNodes {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return nodes.isEmpty() ? "fail " + count + " node(s) of " + pool : "fail nodes " + nodes;
        }
    }

    /**
     * The worst single failure at that moment: the node whose pods serve the most requests per
     * second fails (of {@code pool}, or of any pool when it is empty), or, with {@code wholeZone},
     * every node of such a zone; then the one running the most pods; then the newest node, or the
     * zone first in name order ({@link BusiestNodes}). The capacity planner loses nodes this way.
     * With a {@code workload} ({@code ns/name} of a Deployment or StatefulSet), the node running the
     * most of its pods goes first: the loss a single replica or an unspread workload fears.
     */
    record FailBusiest(long at, String pool, boolean wholeZone, String workloadKind, String workload)
            implements TimelineAction {
        /** Without a workload: the busiest node or zone by traffic and pods. */
        public FailBusiest(long at, String pool, boolean wholeZone) {
            this(at, pool, wholeZone, "", "");
        }

        public String describe() {
            if (!workload.isEmpty()) {
                return "fail the node running the most pods of " + workloadKind + " " + workload;
            }
            return wholeZone ? "fail the busiest zone" : "fail the busiest node" + (pool.isEmpty() ? "" : " of " + pool);
        }
    }

    /** Every node in a zone (label {@code topology.kubernetes.io/zone}) fails at once. */
    record FailZone(long at, String zone) implements TimelineAction {
        public String describe() {
            return "fail zone " + zone;
        }
    }

    /**
     * Failed nodes' machines come back: their kubelets renew their Leases and post Ready again,
     * and sync their pods (those deleted meanwhile are removed). The named nodes, or every node of
     * a zone ({@code zone} non-empty).
     */
    record RecoverNodes(long at, List<String> nodes, String zone) implements TimelineAction {
        public RecoverNodes {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return zone.isEmpty() ? "recover nodes " + nodes : "recover zone " + zone;
        }
    }

    /** Marks nodes unschedulable ({@code kubectl cordon}) or schedulable again. */
    record Cordon(long at, List<String> nodes, boolean cordon) implements TimelineAction {
        public Cordon {
            nodes = List.copyOf(nodes);
        }

        public String describe() {
            return (cordon ? "cordon " : "uncordon ") + nodes;
        }
    }

    /**
     * Drains a node as {@code kubectl drain} does (k8s-semantics.md 6.3): cordon, evict every pod
     * through the eviction API, retry refused evictions, wait for the pods to be gone.
     *
     * @param timeout            microseconds before the drain gives up; 0 waits forever (kubectl's default)
     * @param gracePeriodSeconds {@code --grace-period}; null uses each pod's own
     * @param force              {@code --force}: also evict pods no controller manages
     */
    record Drain(long at, String node, long timeout, Long gracePeriodSeconds, boolean force) implements TimelineAction {
        public String describe() {
            return "drain " + node;
        }
    }

    /**
     * Upgrades a node pool by replacing its nodes, as a managed cluster's surge upgrade does:
     * {@code maxSurge} new nodes are created ahead, {@code maxSurge + maxUnavailable} old nodes
     * are drained at once, each deleted when drained.
     *
     * @param drainTimeout       microseconds a node's drain may take before the node is deleted anyway; 0: no limit
     * @param gracePeriodSeconds grace period for the drains' evictions; null uses each pod's own
     */
    record Upgrade(long at, String pool, int maxSurge, int maxUnavailable, long drainTimeout, Long gracePeriodSeconds)
            implements TimelineAction {
        public Upgrade {
            if (maxSurge < 0 || maxUnavailable < 0 || maxSurge + maxUnavailable < 1) {
                throw new IllegalArgumentException("maxSurge + maxUnavailable must be at least 1");
            }
        }

        public String describe() {
            return "upgrade " + pool;
        }
    }
}
