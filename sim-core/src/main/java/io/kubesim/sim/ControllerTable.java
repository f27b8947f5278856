package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.autoscaler.ClusterAutoscaler;
import io.kubesim.cluster.ResourceQuota;
import io.kubesim.controllers.DeploymentController;
import io.kubesim.controllers.DisruptionController;
import io.kubesim.controllers.EndpointSliceController;
import io.kubesim.controllers.NodeLifecycleController;
import io.kubesim.controllers.PodGarbageCollector;
import io.kubesim.controllers.ReadinessGateController;
import io.kubesim.controllers.ReplicaSetController;
import io.kubesim.controllers.ResourceQuotaController;
import io.kubesim.controllers.TaintEvictionController;
import io.kubesim.controllers.daemonset.DaemonSetController;
import io.kubesim.controllers.rollout.RolloutController;
import io.kubesim.controllers.job.BatchStats;
import io.kubesim.controllers.job.CronJobController;
import io.kubesim.controllers.job.JobController;
import io.kubesim.controllers.job.TtlAfterFinishedController;
import io.kubesim.controllers.statefulset.StatefulSetController;
import io.kubesim.controllers.statefulset.StatefulSetFeatures;
import io.kubesim.controllers.statefulset.StatefulSetVolumeClaims;
import io.kubesim.controllers.volume.VolumeControllers;
import io.kubesim.controllers.hpa.HorizontalPodAutoscalerController;
import io.kubesim.controllers.hpa.MetricsServer;
import io.kubesim.metrics.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The control plane's controllers, in start order: kube-controller-manager's
 * NewControllerDescriptors, plus the components a cluster runs beside it (the readiness-gate
 * setter of a load-balancer controller, the cluster autoscaler). A new controller is its own
 * package and one entry here.
 */
final class ControllerTable {
    /** How long controllers take to react to a watch event (informer + workqueue), an estimate. */
    static final long CONTROLLER_REACTION = 0;

    private ControllerTable() {
    }

    static List<ControllerDescriptor> descriptors() {
        return List.of(
                ControllerDescriptor.always("replicaset", c -> RunningController.started(
                        new ReplicaSetController(c.store(), c.events(), CONTROLLER_REACTION,
                                c.decisions())::start)),
                ControllerDescriptor.always("deployment", c -> RunningController.started(
                        new DeploymentController(c.store(), c.events(), CONTROLLER_REACTION,
                                c.decisions())::start)),
                ControllerDescriptor.always("podgc", c -> RunningController.started(
                        new PodGarbageCollector(c.store())::start)),
                ControllerDescriptor.always("disruption", c -> RunningController.started(
                        new DisruptionController(c.store(), c.events(), CONTROLLER_REACTION)::start)),
                ControllerDescriptor.when("resourcequota", spec -> has(spec, Manifest.ResourceQuotaManifest.class),
                        ControllerTable::resourceQuota),
                ControllerDescriptor.when("replicationcontroller", ControllerTable::hasReplicationController,
                        c -> RunningController.started(ReplicaSetController.forReplicationControllers(c.store(),
                                c.events(), CONTROLLER_REACTION)::start)),
                ControllerDescriptor.always("nodelifecycle", ControllerTable::nodeLifecycle),
                ControllerDescriptor.when("taint-eviction-controller", ControllerTable::mayTaintNoExecute,
                        c -> RunningController.started(
                                new TaintEvictionController(c.store(), c.events(), c.counters(), c.decisions())::start)),
                ControllerDescriptor.always("endpointslice", c -> RunningController.started(
                        new EndpointSliceController(c.store(), c.spec().network().endpointSliceDelay(), c.decisions())::start)),
                ControllerDescriptor.when("statefulset", spec -> has(spec, Manifest.StatefulSetManifest.class),
                        ControllerTable::statefulSet),
                ControllerDescriptor.when("readiness-gates", spec -> !spec.readinessGates().isEmpty(),
                        c -> RunningController.started(
                                new ReadinessGateController(c.store(), c.spec().readinessGates())::start)),
                ControllerDescriptor.when("daemonset", spec -> has(spec, Manifest.DaemonSetManifest.class),
                        ControllerTable::daemonSet),
                ControllerDescriptor.when("job", spec -> has(spec, Manifest.JobManifest.class)
                        || has(spec, Manifest.CronJobManifest.class), ControllerTable::batch),
                ControllerDescriptor.when("persistentvolume", spec -> VolumeControllers.needed(spec.manifests()),
                        ControllerTable::volumes),
                ControllerDescriptor.when("argo-rollouts", spec -> has(spec, Manifest.RolloutManifest.class),
                        ControllerTable::argoRollouts),
                ControllerDescriptor.when("cluster-autoscaler", spec -> spec.clusterAutoscaler() != null,
                        ControllerTable::clusterAutoscaler).listing(),
                ControllerDescriptor.when("horizontalpodautoscaling", spec -> !hpas(spec).isEmpty(),
                        ControllerTable::horizontalPodAutoscaling).listing());
    }

    private static RunningController statefulSet(ControllerContext c) {
        StatefulSetController controller = new StatefulSetController(c.store(), c.events(), CONTROLLER_REACTION,
                new StatefulSetVolumeClaims(c.store()), StatefulSetFeatures.DEFAULT);
        controller.start();
        c.workloads().add(now -> controller.workloads(s -> c.names().of(s.metadata().namespace(), s.name())));
        return RunningController.SILENT;
    }

    /** The Job controller, the TTL-after-finished controller and the CronJob controller. */
    private static RunningController batch(ControllerContext c) {
        JobController jobs = new JobController(c.store(), c.events(), CONTROLLER_REACTION, c.names()::of);
        jobs.start();
        new TtlAfterFinishedController(c.store()).start();
        CronJobController cronJobs = new CronJobController(c.store(), c.events(), CONTROLLER_REACTION,
                c.spec().startTime(), c.names()::of);
        cronJobs.start();
        c.workloads().add(now -> jobs.workloads());
        c.workloads().add(now -> cronJobs.workloads());
        return new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.batch(new BatchStats(jobs.stats(), cronJobs.stats()));
            }
        };
    }

    /** The PV binder and provisioners, pvc-protection and the attach/detach controller. */
    private static RunningController volumes(ControllerContext c) {
        VolumeControllers volumes = VolumeControllers.start(c.store(), c.events(), c.spec().storage());
        return new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.volumes(volumes.stats());
            }
        };
    }

    /** The Argo Rollouts controller, its AnalysisRuns measured on the run's own traffic. */
    private static RunningController argoRollouts(ControllerContext c) {
        RolloutController controller = new RolloutController(c.store(), c.events(), CONTROLLER_REACTION,
                c.spec().manifests(), c.spec().analysis(), c.measures());
        controller.start();
        c.workloads().add(now -> controller.workloads(r -> c.names().of(r.metadata().namespace(), r.name())));
        return RunningController.SILENT;
    }

    private static RunningController daemonSet(ControllerContext c) {
        DaemonSetController controller = new DaemonSetController(c.store(), c.events(), CONTROLLER_REACTION);
        controller.start();
        c.workloads().add(now -> controller.workloads(c.names()::of));
        return RunningController.SILENT;
    }

    private static RunningController resourceQuota(ControllerContext c) {
        new ResourceQuotaController(c.store()).start();
        return new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.quotas(quotaUsage(c));
            }
        };
    }

    private static RunningController nodeLifecycle(ControllerContext c) {
        NodeLifecycleController controller = new NodeLifecycleController(c.store(), c.events(), c.counters(),
                c.spec().nodeLifecycle());
        controller.start();
        return new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.nodeLifecycle(controller);
            }
        };
    }

    private static RunningController clusterAutoscaler(ControllerContext c) {
        ClusterAutoscaler ca = ClusterAutoscalerSetup.start(c.store(), c.events(), c.bootstrap(), c.pools(),
                c.spec().clusterAutoscaler());
        return new RunningController() {
            @Override
            public void addGauges(Sampler sampler) {
                sampler.add(ClusterAutoscalerSetup.gauge(ca));
            }

            @Override
            public void report(ControllerReports reports, long now) {
                reports.clusterAutoscaler(ca.stats());
            }
        };
    }

    /** metrics-server and the HPA controller. */
    private static RunningController horizontalPodAutoscaling(ControllerContext c) {
        MetricsServer metricsServer = new MetricsServer(c.store(),
                (pod, now, containers, sink) -> c.kubelets().report(pod, now, containers, sink::point),
                c.spec().hpa().metricResolution());
        HorizontalPodAutoscalerController controller = new HorizontalPodAutoscalerController(c.store(), c.events(),
                metricsServer, c.spec().hpa(), c.series(), hpas(c.spec()), m -> c.names().of(m.namespace(), m.name()));
        metricsServer.start();
        controller.start();
        return new RunningController() {
            @Override
            public void report(ControllerReports reports, long now) {
                reports.hpas(controller.stats(now));
            }
        };
    }

    private static List<Manifest.HorizontalPodAutoscalerManifest> hpas(SimulationSpec spec) {
        List<Manifest.HorizontalPodAutoscalerManifest> out = new ArrayList<>();
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.HorizontalPodAutoscalerManifest h) {
                out.add(h);
            }
        }
        return out;
    }

    /**
     * Whether some manifest is of {@code kind}, at the start or applied later: a controller for a
     * kind the scenario lacks would only add events.
     */
    private static boolean has(SimulationSpec spec, Class<? extends Manifest> kind) {
        for (Manifest m : spec.manifests()) {
            if (kind.isInstance(m)) {
                return true;
            }
        }
        for (TimelineAction a : spec.timeline()) {
            if (a instanceof TimelineAction.Apply apply && apply.manifests().stream().anyMatch(kind::isInstance)) {
                return true;
            }
        }
        return false;
    }

    private static boolean hasReplicationController(SimulationSpec spec) {
        for (Manifest m : spec.manifests()) {
            if (m instanceof Manifest.ReplicaSetManifest r && r.replicationController()) {
                return true;
            }
        }
        return false;
    }

    /** Each ResourceQuota's hard and used amounts, formatted as Kubernetes prints quantities. */
    private static List<SimulationResult.QuotaUsage> quotaUsage(ControllerContext c) {
        List<SimulationResult.QuotaUsage> out = new ArrayList<>();
        for (ResourceQuota q : c.store().resourceQuotas().list()) {
            out.add(new SimulationResult.QuotaUsage(c.names().of(q.metadata().namespace(), q.name()),
                    format(q.hard()), format(q.used()), format(q.maxUsed()), q.podsRefused()));
        }
        return out;
    }

    private static Map<String, String> format(Map<String, Long> amounts) {
        Map<String, String> out = new TreeMap<>();
        amounts.forEach((k, v) -> out.put(k, io.kubesim.api.QuantityFormat.of(k, v)));
        return out;
    }

    /**
     * Whether any node can carry a NoExecute taint: a pool declares one, or the timeline fails
     * nodes (the node-lifecycle controller then taints them). Otherwise the taint-eviction
     * controller would never act, and it is left out: its watches would only add engine events.
     */
    static boolean mayTaintNoExecute(SimulationSpec spec) {
        for (NodePool p : spec.nodePools()) {
            for (io.kubesim.api.Taint t : p.taints()) {
                if (t.effect() == io.kubesim.api.TaintEffect.NO_EXECUTE) {
                    return true;
                }
            }
        }
        for (TimelineAction a : spec.timeline()) {
            if (a instanceof TimelineAction.FailNodes || a instanceof TimelineAction.FailZone
                    || a instanceof TimelineAction.FailBusiest) {
                return true;
            }
        }
        return false;
    }
}
