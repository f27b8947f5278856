package io.kubesim.cluster;

import io.kubesim.engine.Simulation;

/**
 * The API server's state: one {@link ObjectStore} per kind, the indexes the controllers share,
 * and the uid and resource-version counters.
 */
public final class ClusterStore {
    /** The one key of {@link #activePods}. */
    private static final String ACTIVE = "active";
    private final Simulation sim;
    private long resourceVersion;
    private long uidCounter;

    private final ObjectStore<Node> nodes;
    private final ObjectStore<Pod> pods;
    private final ObjectStore<ReplicaSet> replicaSets;
    private final ObjectStore<ReplicaSet> replicationControllers;
    private final ObjectStore<Deployment> deployments;
    private final ObjectStore<Service> services;
    private final ObjectStore<PriorityClass> priorityClasses;
    private final ObjectStore<Namespace> namespaces;
    private final ObjectStore<EndpointSlice> endpointSlices;
    private final ObjectStore<PodDisruptionBudget> podDisruptionBudgets;
    private final ObjectStore<ResourceQuota> resourceQuotas;
    private final ObjectStore<LimitRange> limitRanges;
    private final ObjectStore<DaemonSet> daemonSets;
    private final ObjectStore<StatefulSet> statefulSets;
    private final ObjectStore<ControllerRevision> controllerRevisions;
    private final Index<ControllerRevision> controllerRevisionsByOwner;
    private final ObjectStore<StorageClass> storageClasses;
    private final ObjectStore<PersistentVolumeClaim> persistentVolumeClaims;
    private final ObjectStore<PersistentVolume> persistentVolumes;
    private final ObjectStore<VolumeAttachment> volumeAttachments;
    private final Index<ResourceQuota> resourceQuotasByNamespace;
    private final Index<LimitRange> limitRangesByNamespace;
    private final Index<Pod> podsByNode;
    private final Index<Pod> podsByOwner;
    /** Counts of the pods of each owner uid; made at the first ask. */
    private PodCounts podCountsByOwner;
    private final Index<ReplicaSet> replicaSetsByOwner;
    private final Index<EndpointSlice> endpointSlicesByService;
    private final Index<Pod> podsByNamespace;
    /** The active pods (not terminal, not being deleted), in one bucket ({@link #ACTIVE}): {@link #activePods()}. */
    private final Index<Pod> activePods;
    private final LabelIndex<Pod> podsByLabel;
    private final ServiceSelectorIndex servicesBySelector;
    private final Index<PodDisruptionBudget> podDisruptionBudgetsByNamespace;
    private final NodeLeases nodeLeases;
    private final ScaleSubresources scales = new ScaleSubresources();
    private final ObjectStore<Job> jobs;
    private final ObjectStore<CronJob> cronJobs;
    private final Index<Job> jobsByOwner;
    private final ObjectStore<Rollout> rollouts;
    private final TrafficSplits trafficSplits = new TrafficSplits();

    public ClusterStore(Simulation sim) {
        this.sim = sim;
        nodes = new ObjectStore<>(sim, this);
        pods = new ObjectStore<>(sim, this);
        replicaSets = new ObjectStore<>(sim, this);
        deployments = new ObjectStore<>(sim, this);
        services = new ObjectStore<>(sim, this);
        priorityClasses = new ObjectStore<>(sim, this);
        namespaces = new ObjectStore<>(sim, this);
        endpointSlices = new ObjectStore<>(sim, this);
        podDisruptionBudgets = new ObjectStore<>(sim, this);
        resourceQuotas = new ObjectStore<>(sim, this);
        limitRanges = new ObjectStore<>(sim, this);
        daemonSets = new ObjectStore<>(sim, this);
        storageClasses = new ObjectStore<>(sim, this);
        persistentVolumeClaims = new ObjectStore<>(sim, this);
        persistentVolumes = new ObjectStore<>(sim, this);
        volumeAttachments = new ObjectStore<>(sim, this);
        resourceQuotasByNamespace = resourceQuotas.addIndex(q -> q.metadata().namespace());
        limitRangesByNamespace = limitRanges.addIndex(l -> l.metadata().namespace());
        podsByNode = pods.addIndex(p -> p.isBound() ? p.nodeName() : null);
        podsByOwner = pods.addIndex(p -> p.metadata().owner() == null ? null : p.metadata().owner().uid());
        replicaSetsByOwner = replicaSets.addIndex(r -> r.metadata().owner() == null ? null : r.metadata().owner().uid());
        endpointSlicesByService = endpointSlices.addIndex(EndpointSlice::serviceKey);
        podsByNamespace = pods.addIndex(p -> p.metadata().namespace());
        activePods = pods.addIndex(p -> p.isActive() ? ACTIVE : null);
        podsByLabel = pods.addLabelIndex();
        servicesBySelector = services.addStoreIndex(new ServiceSelectorIndex());
        podDisruptionBudgetsByNamespace = podDisruptionBudgets.addIndex(b -> b.metadata().namespace());
        nodeLeases = new NodeLeases(sim);
        replicationControllers = new ObjectStore<>(sim, this);
        scales.register(new ScaleSubresources.Kind<>(Deployment.KIND, "deployments.apps", deployments,
                Deployment::replicas, Deployment::statusReplicas, Deployment::selector, Deployment::setReplicas));
        scales.register(new ScaleSubresources.Kind<>(ReplicaSet.KIND, "replicasets.apps", replicaSets,
                ReplicaSet::replicas, ReplicaSet::statusReplicas, ReplicaSet::selector, ReplicaSet::setReplicas));
        scales.register(new ScaleSubresources.Kind<>(ReplicaSet.KIND_REPLICATION_CONTROLLER, "replicationcontrollers",
                replicationControllers, ReplicaSet::replicas, ReplicaSet::statusReplicas, ReplicaSet::selector,
                ReplicaSet::setReplicas));
        statefulSets = new ObjectStore<>(sim, this);
        controllerRevisions = new ObjectStore<>(sim, this);
        controllerRevisionsByOwner = controllerRevisions.addIndex(
                r -> r.metadata().owner() == null ? null : r.metadata().owner().uid());
        scales.register(new ScaleSubresources.Kind<>(StatefulSet.KIND, "statefulsets.apps", statefulSets,
                StatefulSet::replicas, StatefulSet::statusReplicas, StatefulSet::selector, StatefulSet::setReplicas));
        jobs = new ObjectStore<>(sim, this);
        cronJobs = new ObjectStore<>(sim, this);
        jobsByOwner = jobs.addIndex(j -> j.metadata().owner() == null ? null : j.metadata().owner().uid());
        rollouts = new ObjectStore<>(sim, this);
        scales.register(new ScaleSubresources.Kind<>(Rollout.KIND, "rollouts.argoproj.io", rollouts,
                Rollout::replicas, Rollout::statusReplicas, Rollout::selector, Rollout::setReplicas));
    }

    public Simulation sim() {
        return sim;
    }

    public long now() {
        return sim.now();
    }

    public ObjectStore<Node> nodes() {
        return nodes;
    }

    public ObjectStore<Pod> pods() {
        return pods;
    }

    public ObjectStore<ReplicaSet> replicaSets() {
        return replicaSets;
    }

    /** ReplicationControllers (v1), held as {@link ReplicaSet}s of kind ReplicationController. */
    public ObjectStore<ReplicaSet> replicationControllers() {
        return replicationControllers;
    }

    /** The {@code /scale} subresource of every scalable kind (register a new kind there). */
    public ScaleSubresources scales() {
        return scales;
    }

    public ObjectStore<Deployment> deployments() {
        return deployments;
    }

    /** The weighted routes of traffic routers (Argo Rollouts' trafficRouting). */
    public TrafficSplits trafficSplits() {
        return trafficSplits;
    }

    /** Argo Rollouts (argoproj.io/v1alpha1). */
    public ObjectStore<Rollout> rollouts() {
        return rollouts;
    }

    public ObjectStore<Service> services() {
        return services;
    }

    public ObjectStore<PriorityClass> priorityClasses() {
        return priorityClasses;
    }

    public ObjectStore<Namespace> namespaces() {
        return namespaces;
    }

    public ObjectStore<EndpointSlice> endpointSlices() {
        return endpointSlices;
    }

    public ObjectStore<PodDisruptionBudget> podDisruptionBudgets() {
        return podDisruptionBudgets;
    }

    public ObjectStore<ResourceQuota> resourceQuotas() {
        return resourceQuotas;
    }

    public ObjectStore<LimitRange> limitRanges() {
        return limitRanges;
    }

    public ObjectStore<DaemonSet> daemonSets() {
        return daemonSets;
    }

    public ObjectStore<StatefulSet> statefulSets() {
        return statefulSets;
    }

    public ObjectStore<ControllerRevision> controllerRevisions() {
        return controllerRevisions;
    }

    /** ControllerRevisions by their owner's uid (a StatefulSet's history). */
    public Index<ControllerRevision> controllerRevisionsByOwner() {
        return controllerRevisionsByOwner;
    }

    /** Jobs (batch/v1). */
    public ObjectStore<Job> jobs() {
        return jobs;
    }

    /** CronJobs (batch/v1). */
    public ObjectStore<CronJob> cronJobs() {
        return cronJobs;
    }

    /** Jobs by their owning CronJob's uid. */
    public Index<Job> jobsByOwner() {
        return jobsByOwner;
    }

    public ObjectStore<StorageClass> storageClasses() {
        return storageClasses;
    }

    public ObjectStore<PersistentVolumeClaim> persistentVolumeClaims() {
        return persistentVolumeClaims;
    }

    public ObjectStore<PersistentVolume> persistentVolumes() {
        return persistentVolumes;
    }

    /** Volumes attached (or attaching) to nodes, by {@link VolumeAttachment#nameOf}. */
    public ObjectStore<VolumeAttachment> volumeAttachments() {
        return volumeAttachments;
    }

    /** ResourceQuotas by namespace (what pod admission checks). */
    public Index<ResourceQuota> resourceQuotasByNamespace() {
        return resourceQuotasByNamespace;
    }

    /** LimitRanges by namespace (what pod admission applies). */
    public Index<LimitRange> limitRangesByNamespace() {
        return limitRangesByNamespace;
    }

    /** The nodes' heartbeat Leases. */
    public NodeLeases nodeLeases() {
        return nodeLeases;
    }

    /** Pods bound to each node. */
    public Index<Pod> podsByNode() {
        return podsByNode;
    }

    /** Pods by their controller owner's uid. */
    public Index<Pod> podsByOwner() {
        return podsByOwner;
    }

    /**
     * The pods of each owner uid ({@link #podsByOwner}'s groups) counted from the writes: what the
     * ReplicaSet controllers and the ReplicaSet observer read instead of walking the pods. Made, and
     * following every pod write, from the first ask on; its pod observer runs before any registered
     * after that ask.
     */
    public PodCounts podCountsByOwner() {
        if (podCountsByOwner == null) {
            podCountsByOwner = new PodCounts(this, p -> p.metadata().owner() == null ? null : p.metadata().owner().uid());
            podCountsByOwner.start();
        }
        return podCountsByOwner;
    }

    /** ReplicaSets by their owning Deployment's uid. */
    public Index<ReplicaSet> replicaSetsByOwner() {
        return replicaSetsByOwner;
    }

    /** Pods by each of their labels within their namespace: a selector's candidates. */
    public LabelIndex<Pod> podsByLabel() {
        return podsByLabel;
    }

    /** Services by a pair of their selector: the Services that may select a pod. */
    public ServiceSelectorIndex servicesBySelector() {
        return servicesBySelector;
    }

    /**
     * The pods that are neither terminal nor being deleted, in the order they last became so: what
     * a walk over every pod filtered by {@link Pod#isActive()} finds, without the walk over finished
     * pods (a Job's succeeded pods stay stored, tens of thousands of them in a large batch run).
     */
    public java.util.Set<Pod> activePods() {
        return activePods.get(ACTIVE);
    }

    /** Pods by namespace (what a PodDisruptionBudget's selector is matched against). */
    public Index<Pod> podsByNamespace() {
        return podsByNamespace;
    }

    /** PodDisruptionBudgets by namespace. */
    public Index<PodDisruptionBudget> podDisruptionBudgetsByNamespace() {
        return podDisruptionBudgetsByNamespace;
    }

    /** EndpointSlices by their Service's {@code namespace/name} (the kubernetes.io/service-name label). */
    public Index<EndpointSlice> endpointSlicesByService() {
        return endpointSlicesByService;
    }

    /**
     * Deletes a pod gracefully, as a DELETE request does (k8s-semantics.md 4.3): a pod on no node
     * or already terminal is removed at once; otherwise it gets {@code deletionTimestamp = now +
     * grace} and the kubelet terminates it. A second delete may only shorten the grace period.
     *
     * @param graceSeconds the grace period; null uses {@code spec.terminationGracePeriodSeconds}
     */
    public void deletePod(Pod pod, Long graceSeconds) {
        if (!pods.contains(pod)) {
            return;
        }
        long grace = graceSeconds != null ? graceSeconds : pod.spec().terminationGracePeriodSeconds();
        if (!pod.isBound() || pod.isTerminal()) {
            pods.remove(pod);
            return;
        }
        ObjectMeta m = pod.metadata();
        if (m.isDeleting() && m.deletionGracePeriodSeconds() <= grace) {
            return;
        }
        m.markDeleting(sim.now() + grace * 1_000_000L, grace);
        pods.update(pod);
    }

    /** A new unique uid; deterministic, so outputs never depend on randomness here. */
    public String newUid() {
        uidCounter++;
        return String.format("00000000-0000-4000-8000-%012x", uidCounter);
    }

    long nextResourceVersion() {
        return ++resourceVersion;
    }
}
