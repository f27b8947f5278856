package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.DaemonSet;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.cluster.Rollout;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.metrics.DeploymentObserver;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * {@code kubectl apply -f} in the middle of a run (a {@code helm upgrade} of several objects at
 * once): each object that exists gets its new spec (a workload's template, replicas, strategy,
 * pause; a Service's selector; a PodDisruptionBudget replaced), the controllers then do what they
 * do with any update; objects that do not exist are created. What a mid-run apply cannot change
 * was warned about when the scenario was read.
 */
final class ManifestApply {
    private final ClusterStore store;
    private final ClusterBootstrap bootstrap;
    private final DeploymentObserver observer;

    ManifestApply(ClusterStore store, ClusterBootstrap bootstrap, DeploymentObserver observer) {
        this.store = store;
        this.bootstrap = bootstrap;
        this.observer = observer;
    }

    /** Applies the objects now; the result tells when every workload it changed is rolled out. */
    BooleanSupplier apply(List<Manifest> manifests) {
        List<Manifest> created = new ArrayList<>();
        List<BooleanSupplier> done = new ArrayList<>();
        for (Manifest m : manifests) {
            if (!update(m, done)) {
                created.add(m);
            }
        }
        bootstrap.create(created);
        return () -> done.stream().allMatch(BooleanSupplier::getAsBoolean);
    }

    /** Updates an existing object; false when there is none (it is created). */
    private boolean update(Manifest m, List<BooleanSupplier> done) {
        if (m instanceof Manifest.DeploymentManifest d) {
            Deployment dep = store.deployments().get(d.namespace(), d.name());
            if (dep == null) {
                return false;
            }
            boolean templateChanged = !dep.template().equals(d.template());
            dep.setTemplate(d.template());
            if (d.replicas() != null) {
                dep.setReplicas(d.replicas());
            }
            dep.setStrategy(d.strategy());
            dep.setPaused(d.paused());
            if (templateChanged) {
                long started = store.now();
                observer.rolloutStarted(dep, started);
                done.add(() -> {
                    DeploymentObserver.Stats stats = observer.of(dep);
                    return stats != null && stats.rollouts().stream().anyMatch(r -> r.start() == started && r.end() >= 0);
                });
            }
            store.deployments().update(dep);
            return true;
        }
        if (m instanceof Manifest.RolloutManifest r) {
            Rollout ro = store.rollouts().get(r.namespace(), r.name());
            if (ro == null) {
                return false;
            }
            ro.setTemplate(r.spec().template());
            if (r.spec().replicas() != null) {
                ro.setReplicas(r.spec().replicas());
            }
            store.rollouts().update(ro);
            String before = ro.currentPodHash();
            done.add(() -> !ro.currentPodHash().equals(before) || ro.currentPodHash().equals(ro.stableRs()));
            return true;
        }
        if (m instanceof Manifest.StatefulSetManifest s) {
            StatefulSet set = store.statefulSets().get(s.namespace(), s.name());
            if (set == null) {
                return false;
            }
            set.setTemplate(s.template());
            if (s.replicas() != null) {
                set.setReplicas(s.replicas());
            }
            set.setUpdateStrategy(s.updateStrategy());
            store.statefulSets().update(set);
            return true;
        }
        if (m instanceof Manifest.DaemonSetManifest d) {
            DaemonSet ds = store.daemonSets().get(d.namespace(), d.name());
            if (ds == null) {
                return false;
            }
            ds.setTemplate(d.template());
            store.daemonSets().update(ds);
            return true;
        }
        if (m instanceof Manifest.ServiceManifest s) {
            Service svc = store.services().get(s.namespace(), s.name());
            if (svc == null) {
                return false;
            }
            svc.setSelector(s.selector());
            store.services().update(svc);
            return true;
        }
        if (m instanceof Manifest.PodDisruptionBudgetManifest b) {
            PodDisruptionBudget old = store.podDisruptionBudgets().get(b.namespace(), b.name());
            if (old != null) {
                store.podDisruptionBudgets().remove(old); // replaced: its spec is immutable here
            }
            return false;
        }
        return false;
    }
}
