package io.kubesim.controllers;

import io.kubesim.api.Container;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodSpec;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.Probe;
import io.kubesim.api.Resources;
import io.kubesim.app.ApplicationCatalog;
import io.kubesim.app.ApplicationModel;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.Pod;
import io.kubesim.engine.DurationDistribution;
import io.kubesim.engine.SimTime;
import io.kubesim.engine.Simulation;
import io.kubesim.kubelet.KubeletConfig;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.metrics.Counters;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.metrics.DeploymentObserver;
import io.kubesim.metrics.EventRecorder;
import io.kubesim.sim.ClusterBootstrap;
import io.kubesim.sim.NodePool;
import java.util.List;
import java.util.Map;

/**
 * The real controllers, kubelets and engine on one large node. Pods are bound to that node as
 * soon as they appear: placement does not matter to the Deployment and ReplicaSet controllers,
 * and the scheduler has its own tests.
 */
final class ControllerHarness {
    final Simulation sim = new Simulation(7);
    final ClusterStore store = new ClusterStore(sim);
    final EventRecorder events = new EventRecorder(sim, true);
    final Counters counters = new Counters();
    final DeploymentObserver observer = new DeploymentObserver(store, d -> d.name());
    /** The controllers' decisions, retained (what {@code kubesim run --decisions} writes). */
    final DecisionRecorder decisions = new DecisionRecorder(true);
    private ApplicationModel app = ApplicationModel.DEFAULT;

    ControllerHarness app(ApplicationModel model) {
        this.app = model;
        return this;
    }

    ControllerHarness start() {
        new ClusterBootstrap(store).addNodes(new NodePool("node", 1,
                Resources.of(1_000_000, 1L << 50), 1000, Map.of(), List.of(), List.of()), 1);
        new ClusterBootstrap(store).apply(List.of());
        ReplicaSetController replicaSets = new ReplicaSetController(store, events, 0, decisions);
        replicaSets.verifyCounts(true); // every sync also walks the pods (ReplicaSetPodCountsTest)
        replicaSets.start();
        new DeploymentController(store, events, 0, decisions).start();
        new Kubelets(store, events, counters, KubeletConfig.DEFAULT,
                new ApplicationCatalog(store, Map.of(), app)).start();
        observer.verifyCounts(true); // every observation also walks the pods (DeploymentPodCountsTest)
        observer.start();
        store.pods().watch((type, pod) -> {
            if (!pod.isBound() && store.pods().contains(pod) && !pod.metadata().isDeleting()) {
                pod.bind("node-1", sim.now());
                store.pods().update(pod);
            }
        });
        return this;
    }

    /** A Deployment of {@code replicas} pods with an HTTP readiness probe every 2 s. */
    static Manifest.DeploymentManifest deployment(String name, int replicas, DeploymentStrategy strategy) {
        Probe readiness = new Probe("httpGet :8080/ready", 0, 2, 1, 1, 3, null);
        Container c = new Container("app", "example/" + name + ":1", Resources.of(100, 64L << 20), Resources.NONE,
                List.of(), null, readiness, null, null, false);
        PodTemplate t = new PodTemplate(Map.of("app", name), Map.of(), PodSpec.of(List.of(c)));
        return new Manifest.DeploymentManifest("default", name, Map.of(), Map.of(), LabelSelector.of(Map.of("app", name)),
                t, replicas, strategy, 0, 10, 600, false, Manifest.Origin.UNKNOWN);
    }

    static DeploymentStrategy rolling(String surge, String unavailable) {
        return DeploymentStrategy.rolling(IntOrPercent.parse(surge), IntOrPercent.parse(unavailable));
    }

    Deployment create(Manifest.DeploymentManifest m) {
        return new ClusterBootstrap(store).createDeployment(m);
    }

    /** Changes the image, as a rollout would. */
    void rollout(Deployment d, String image) {
        PodSpec spec = d.template().spec();
        Container c = spec.containers().get(0);
        Container next = new Container(c.name(), image, c.requests(), c.limits(), c.ports(), c.startupProbe(),
                c.readinessProbe(), c.livenessProbe(), c.preStop(), c.restartableInit());
        d.setTemplate(d.template().withSpec(spec.withContainers(List.of(next))));
        observer.rolloutStarted(d, sim.now());
        store.deployments().update(d);
    }

    void runFor(long micros) {
        sim.runUntil(sim.now() + micros);
    }

    long activePods(Deployment d) {
        return store.pods().list().stream().filter(Pod::isActive)
                .filter(p -> "default".equals(p.namespace()) && d.name().equals(p.metadata().labels().get("app"))).count();
    }

    static ApplicationModel startingIn(long seconds) {
        return ApplicationModel.DEFAULT.withStartupTime(new DurationDistribution.Constant(SimTime.seconds(seconds)));
    }
}
