package io.kubesim.sim;

import io.kubesim.api.Container;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.cluster.Eviction;
import io.kubesim.cluster.Node;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Plays a scenario's timeline: each action runs at its time, doing what a person or a tool would
 * do against the API (kubectl set image / rollout restart / scale / cordon / drain, a cloud
 * provider adding or deleting VMs, a node pool upgrade), or what happens to machines (nodes or a
 * whole zone failing).
 */
final class TimelinePlayer {
    /** Virtual time 0 as a wall-clock instant, for annotations that carry a timestamp. */
    static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

    private final ClusterStore store;
    private final EventRecorder events;
    private final DeploymentObserver observer;
    private final ClusterBootstrap bootstrap;
    private final Map<String, NodePool> pools;
    private final Eviction eviction;
    private final List<DrainRecord> drains = new ArrayList<>();
    private final Kubelets kubelets;
    private final ActionSettling settling;
    private final BusiestNodes busiest;
    /** Rollouts with a rollbackOn; null until the composition root sets them. */
    private RollbackGuards guards;

    TimelinePlayer(ClusterStore store, EventRecorder events, DeploymentObserver observer, ClusterBootstrap bootstrap,
                   Map<String, NodePool> pools, Kubelets kubelets, ActionSettling settling, BusiestNodes busiest) {
        this.settling = settling;
        this.busiest = busiest;
        this.kubelets = kubelets;
        this.store = store;
        this.events = events;
        this.observer = observer;
        this.bootstrap = bootstrap;
        this.pools = pools;
        this.eviction = new Eviction(store);
    }

    /** Every drain started so far (timeline drains and upgrades' drains), in start order. */
    List<DrainRecord> drains() {
        return java.util.Collections.unmodifiableList(drains);
    }

    void schedule(List<TimelineAction> actions) {
        for (TimelineAction a : actions) {
            store.sim().scheduleAt(a.at(), () -> play(a));
        }
    }

    /** Where guarded rollouts are watched (the composition root builds it after the traffic). */
    void guards(RollbackGuards g) {
        this.guards = g;
    }

    /** Plays an action now that no timeline entry scheduled (an automatic undo). */
    void playNow(TimelineAction action) {
        play(action);
    }

    private void play(TimelineAction action) {
        ActionWindow window = window(action);
        settling.opened(window);
        if (action instanceof TimelineAction.Rollout r) {
            rollout(r, window);
        } else if (action instanceof TimelineAction.Undo u) {
            undo(u, window);
        } else if (action instanceof TimelineAction.RolloutCommand c) {
            rolloutCommand(c);
        } else if (action instanceof TimelineAction.Apply a) {
            window.doneWhen(new ManifestApply(store, bootstrap, observer).apply(a.manifests()));
        } else if (action instanceof TimelineAction.PatchService p) {
            io.kubesim.cluster.Service s = store.services().get(p.service());
            if (s != null) {
                s.setSelector(p.selector());
                store.services().update(s);
            }
        } else if (action instanceof TimelineAction.PauseRollout p) {
            Deployment d = DeploymentNames.resolve(store, p.deployment());
            d.setPaused(p.pause());
            store.deployments().update(d);
        } else if (action instanceof TimelineAction.RolloutDaemonSet r) {
            rolloutDaemonSet(r);
            window.doneWhen(settling.rolloutDone(io.kubesim.cluster.DaemonSet.KIND, r.daemonSet(), r.at()));
        } else if (action instanceof TimelineAction.Scale s) {
            DeploymentNames.resolveScale(store, s.kind(), s.workload()).setReplicas(s.replicas());
        } else if (action instanceof TimelineAction.AddNodes a) {
            bootstrap.addNodes(pools.get(a.pool()), a.count());
        } else if (action instanceof TimelineAction.RemoveNodes r) {
            for (Node n : nodesToRemove(r)) {
                events.normal("node-controller", n, "RemovingNode",
                        "Node " + n.name() + " event: Removing Node " + n.name() + " from Controller");
                store.nodes().remove(n);
            }
        } else if (action instanceof TimelineAction.FailNodes f) {
            failed(window, nodesToFail(f));
        } else if (action instanceof TimelineAction.FailZone z) {
            List<Node> inZone = new ArrayList<>();
            for (Node n : new ArrayList<>(store.nodes().list())) {
                if (n.zone().equals(z.zone())) {
                    inZone.add(n);
                }
            }
            failed(window, inZone);
        } else if (action instanceof TimelineAction.FailBusiest b) {
            failed(window, busiest.pick(b));
        } else if (action instanceof TimelineAction.RecoverNodes r) {
            for (Node n : new ArrayList<>(store.nodes().list())) {
                if (r.zone().isEmpty() ? r.nodes().contains(n.name()) : n.zone().equals(r.zone())) {
                    kubelets.recover(n.name());
                }
            }
        } else if (action instanceof TimelineAction.Cordon c) {
            for (String name : c.nodes()) {
                Node n = store.nodes().get(name);
                if (n != null) {
                    Cordoning.set(store, events, n, c.cordon());
                }
            }
        } else if (action instanceof TimelineAction.Drain d) {
            DrainRecord record = drain(d, r -> { });
            window.drainStarted(record);
            window.doneWhen(() -> record.completed() || record.error() != null); // a failed drain's work is over too
        } else if (action instanceof TimelineAction.Upgrade u) {
            NodePoolUpgrade upgrade = new NodePoolUpgrade(store, events, bootstrap, pools.get(u.pool()), u,
                    (d, onEnd) -> window.drainStarted(drain(d, onEnd)));
            window.doneWhen(upgrade::finished);
            upgrade.start();
        }
    }

    /** The attribution window of an action, named with the scenario's timeline key. */
    static ActionWindow window(TimelineAction action) {
        long at = action.at();
        if (action instanceof TimelineAction.Rollout r) {
            String target = r.kind().equals(TimelineAction.Rollout.DEPLOYMENT) ? r.deployment()
                    : r.kind().toLowerCase(java.util.Locale.ROOT) + "/" + r.deployment();
            return new ActionWindow("rollout", target, at);
        } else if (action instanceof TimelineAction.RolloutDaemonSet r) {
            return new ActionWindow("rollout", "daemonset/" + r.daemonSet(), at);
        } else if (action instanceof TimelineAction.Undo u) {
            return new ActionWindow("undo", u.deployment(), at);
        } else if (action instanceof TimelineAction.RolloutCommand c) {
            return new ActionWindow(c.command(), "rollout/" + c.rollout(), at);
        } else if (action instanceof TimelineAction.Apply a) {
            return new ActionWindow(a.verb(), a.target(), at);
        } else if (action instanceof TimelineAction.PatchService p) {
            return new ActionWindow("patch", "service/" + p.service().substring(p.service().indexOf('/') + 1), at);
        } else if (action instanceof TimelineAction.PauseRollout p) {
            return new ActionWindow(p.pause() ? "pause" : "resume", p.deployment(), at);
        } else if (action instanceof TimelineAction.Scale s) {
            String target = s.kind().equals("Deployment") ? s.workload()
                    : s.kind().toLowerCase(java.util.Locale.ROOT) + "/" + s.workload();
            return new ActionWindow("scale", target, at);
        } else if (action instanceof TimelineAction.AddNodes a) {
            return new ActionWindow("addNodes", a.pool(), at);
        } else if (action instanceof TimelineAction.RemoveNodes r) {
            return new ActionWindow("removeNodes", r.nodes().isEmpty() ? r.pool() : String.join(",", r.nodes()), at);
        } else if (action instanceof TimelineAction.FailNodes f) {
            return new ActionWindow("failNodes", f.nodes().isEmpty() ? f.pool() : String.join(",", f.nodes()), at);
        } else if (action instanceof TimelineAction.FailZone z) {
            return new ActionWindow("failZone", z.zone(), at);
        } else if (action instanceof TimelineAction.FailBusiest b) {
            String target = b.workload().isEmpty() ? b.pool()
                    : b.workloadKind().toLowerCase(java.util.Locale.ROOT) + "/" + b.workload();
            return new ActionWindow(b.wholeZone() ? "failBusiestZone" : "failBusiestNode", target, at);
        } else if (action instanceof TimelineAction.RecoverNodes r) {
            return new ActionWindow("recoverNodes", r.zone().isEmpty() ? String.join(",", r.nodes()) : r.zone(), at);
        } else if (action instanceof TimelineAction.Cordon c) {
            return new ActionWindow(c.cordon() ? "cordon" : "uncordon", String.join(",", c.nodes()), at);
        } else if (action instanceof TimelineAction.Drain d) {
            return new ActionWindow("drain", d.node(), at);
        } else if (action instanceof TimelineAction.Upgrade u) {
            return new ActionWindow("upgrade", u.pool(), at);
        }
        return new ActionWindow(action.getClass().getSimpleName(), action.describe(), at);
    }

    /** Takes the nodes' machines down; the window stays open while any of their pods still counts Ready. */
    private void failed(ActionWindow window, List<Node> nodes) {
        List<String> names = new ArrayList<>();
        for (Node n : nodes) {
            names.add(n.name());
            kubelets.machineDown(n.name());
        }
        window.failedNodes(names);
    }

    /** Every action's window, in play order, stretched over the outages that began inside them. */
    List<ActionWindow> actions(List<io.kubesim.traffic.Outage> outages) {
        settling.coverOutages(outages);
        return settling.windows();
    }

    private DrainRecord drain(TimelineAction.Drain d, Consumer<DrainRecord> onEnd) {
        DrainRecord record = new DrainRecord(d.node(), store.now());
        drains.add(record);
        new NodeDrain(store, eviction, events, d, record, onEnd).start();
        return record;
    }

    /**
     * A new template version: the named containers get new images ({@code kubectl set image}),
     * or with no images the restartedAt annotation changes ({@code kubectl rollout restart}).
     */
    private void rollout(TimelineAction.Rollout r, ActionWindow window) {
        if (r.kind().equals(TimelineAction.Rollout.ARGO_ROLLOUT)) {
            io.kubesim.cluster.Rollout ro = WorkloadNames.resolve(store.rollouts(), io.kubesim.cluster.Rollout.KIND,
                    r.deployment());
            ro.setTemplate(nextTemplate(ro.template(), r.images()));
            store.rollouts().update(ro);
            String hashBefore = ro.currentPodHash();
            window.doneWhen(() -> !ro.currentPodHash().equals(hashBefore)
                    && (ro.aborted() || ro.currentPodHash().equals(ro.stableRs()) && "Healthy".equals(ro.phase())));
            return;
        }
        if (r.kind().equals(TimelineAction.Rollout.STATEFUL_SET)) {
            StatefulSet set = WorkloadNames.resolve(store.statefulSets(), StatefulSet.KIND, r.deployment());
            set.setTemplate(nextTemplate(set.template(), r.images()));
            store.statefulSets().update(set);
            window.doneWhen(settling.rolloutDone(StatefulSet.KIND, r.deployment(), r.at()));
            return;
        }
        Deployment d = DeploymentNames.resolve(store, r.deployment());
        PodTemplate t = d.template();
        PodTemplate next;
        if (r.images().isEmpty()) {
            String at = EPOCH.plusNanos(store.now() * 1000L).toString();
            next = t.withAnnotation("kubectl.kubernetes.io/restartedAt", at);
        } else {
            next = t.withSpec(withImages(t.spec(), r.images()));
        }
        d.setTemplate(next);
        observer.rolloutStarted(d, store.now());
        long started = store.now();
        java.util.function.BooleanSupplier done = () -> {
            DeploymentObserver.Stats stats = observer.of(d);
            return stats != null && stats.rollouts().stream().anyMatch(ro -> ro.start() == started && ro.end() >= 0);
        };
        window.doneWhen(done);
        if (r.rollbackOn() != null && guards != null) {
            guards.watch(d, r.rollbackOn(), done);
        }
        store.deployments().update(d);
    }

    /** {@code kubectl argo rollouts promote | abort | retry}. */
    private void rolloutCommand(TimelineAction.RolloutCommand c) {
        io.kubesim.cluster.Rollout ro = WorkloadNames.resolve(store.rollouts(), io.kubesim.cluster.Rollout.KIND,
                c.rollout());
        io.kubesim.controllers.rollout.RolloutActions actions =
                new io.kubesim.controllers.rollout.RolloutActions(store, events);
        String key = ro.metadata().key();
        switch (c.command()) {
            case "promote" -> actions.promote(key, false);
            case "promoteFull" -> actions.promote(key, true);
            case "abort" -> actions.abort(key);
            case "retry" -> actions.retry(key);
            case "pause" -> actions.pause(key, true);
            case "resume" -> actions.pause(key, false);
            default -> throw new IllegalArgumentException("unknown rollout command " + c.command());
        }
    }

    /**
     * {@code kubectl rollout undo}: finds the revision among the Deployment's ReplicaSets (the
     * highest below the current one, or {@code toRevision}) and copies its template, without its
     * pod-template-hash label, into the Deployment; the controller does the rest (it finds that
     * ReplicaSet by its template and gives it the next revision). Recorded as the events the
     * Deployment controller wrote when it still did rollbacks itself ({@code DeploymentRollback},
     * {@code DeploymentRollbackRevisionNotFound}); kubectl prints an error instead of the latter.
     */
    private void undo(TimelineAction.Undo u, ActionWindow window) {
        Deployment d = DeploymentNames.resolve(store, u.deployment());
        List<io.kubesim.cluster.ReplicaSet> owned = new java.util.ArrayList<>();
        long current = 0;
        for (io.kubesim.cluster.ReplicaSet rs : store.replicaSets().list()) {
            if (rs.metadata().namespace().equals(d.metadata().namespace()) && rs.metadata().owner() != null
                    && rs.metadata().owner().name().equals(d.name()) && rs.metadata().owner().kind().equals(Deployment.KIND)) {
                owned.add(rs);
                current = Math.max(current, rs.revision());
            }
        }
        io.kubesim.cluster.ReplicaSet target = null;
        for (io.kubesim.cluster.ReplicaSet rs : owned) {
            boolean wanted = u.toRevision() > 0 ? rs.revision() == u.toRevision()
                    : rs.revision() < current && (target == null || rs.revision() > target.revision());
            if (wanted) {
                target = rs;
            }
        }
        if (target == null) {
            events.warning("deployment-controller", d, "DeploymentRollbackRevisionNotFound", u.toRevision() > 0
                    ? "Unable to find the revision to rollback to." : "Unable to find last revision.");
            return;
        }
        PodTemplate t = target.template().withoutLabel(io.kubesim.cluster.ReplicaSet.LABEL_POD_TEMPLATE_HASH);
        events.normal("deployment-controller", d, "DeploymentRollback",
                "Rolled back deployment \"" + d.name() + "\" to revision " + target.revision());
        d.setTemplate(t);
        observer.rolloutStarted(d, store.now());
        long started = store.now();
        window.doneWhen(() -> {
            DeploymentObserver.Stats stats = observer.of(d);
            return stats != null && stats.rollouts().stream().anyMatch(ro -> ro.start() == started && ro.end() >= 0);
        });
        store.deployments().update(d);
    }

    /** A new DaemonSet template version: new images, or the restartedAt annotation. */
    private void rolloutDaemonSet(TimelineAction.RolloutDaemonSet r) {
        io.kubesim.cluster.DaemonSet ds = DaemonSetNames.resolve(store, r.daemonSet());
        ds.setTemplate(nextTemplate(ds.template(), r.images()));
        store.daemonSets().update(ds);
    }

    /** The template with new images, or with a new restartedAt annotation when there are none. */
    private PodTemplate nextTemplate(PodTemplate t, Map<String, String> images) {
        if (images.isEmpty()) {
            return t.withAnnotation("kubectl.kubernetes.io/restartedAt", EPOCH.plusNanos(store.now() * 1000L).toString());
        }
        return t.withSpec(withImages(t.spec(), images));
    }

    static PodSpec withImages(PodSpec spec, Map<String, String> images) {
        List<Container> cs = new ArrayList<>();
        for (Container c : spec.containers()) {
            String image = images.getOrDefault(c.name(), c.image());
            cs.add(c.image().equals(image) ? c : c.withImage(image));
        }
        return spec.withContainers(cs);
    }

    /** The named nodes, or the newest {@code count} of the pool whose machines are still up. */
    private List<Node> nodesToFail(TimelineAction.FailNodes f) {
        if (!f.nodes().isEmpty()) {
            return nodesToRemove(new TimelineAction.RemoveNodes(f.at(), "", 0, f.nodes()));
        }
        List<Node> up = new ArrayList<>();
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(f.pool()) && kubelets.of(n.name()) != null && !kubelets.of(n.name()).isDown()) {
                up.add(n);
            }
        }
        up.sort(Comparator.comparingLong((Node n) -> n.metadata().creationTimestamp())
                .thenComparing(Node::name).reversed());
        return up.subList(0, Math.min(f.count(), up.size()));
    }

    private List<Node> nodesToRemove(TimelineAction.RemoveNodes r) {
        List<Node> out = new ArrayList<>();
        if (!r.nodes().isEmpty()) {
            for (String name : r.nodes()) {
                Node n = store.nodes().get(name);
                if (n != null) {
                    out.add(n);
                }
            }
            return out;
        }
        List<Node> inPool = new ArrayList<>();
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(r.pool())) {
                inPool.add(n);
            }
        }
        inPool.sort(Comparator.comparingLong((Node n) -> n.metadata().creationTimestamp())
                .thenComparing(Node::name).reversed());
        return inPool.subList(0, Math.min(r.count(), inPool.size()));
    }

}
