package io.kubesim.sim;

import io.kubesim.api.Manifest;
import io.kubesim.api.Resources;
import io.kubesim.cluster.AdmissionException;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.cluster.Deployment;
import io.kubesim.cluster.LimitRange;
import io.kubesim.cluster.Namespace;
import io.kubesim.cluster.Node;
import io.kubesim.cluster.ObjectMeta;
import io.kubesim.cluster.Pod;
import io.kubesim.cluster.PodAdmission;
import io.kubesim.cluster.PodDisruptionBudget;
import io.kubesim.cluster.UnhealthyPodEvictionPolicy;
import io.kubesim.cluster.PriorityClass;
import io.kubesim.cluster.ReplicaSet;
import io.kubesim.cluster.ResourceQuota;
import io.kubesim.cluster.Service;
import io.kubesim.cluster.StatefulSet;
import io.kubesim.cluster.PersistentVolume;
import io.kubesim.cluster.StorageClass;
import io.kubesim.controllers.volume.PersistentVolumeClaims;
import io.kubesim.controllers.volume.StorageConfig;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Creates the objects a scenario starts with: nodes from the pools, then the manifests in the
 * order {@code kubectl apply} would need them (Namespaces and PriorityClasses first, then
 * Services, then workloads), each in file order.
 */
public final class ClusterBootstrap {
    private final ClusterStore store;
    private final PodAdmission admission;

    public ClusterBootstrap(ClusterStore store) {
        this.store = store;
        this.admission = new PodAdmission(store);
    }

    /** Adds {@code count} nodes to a pool, numbering on from the pool's highest index. */
    public List<Node> addNodes(NodePool pool, int count) {
        int next = 1;
        for (Node n : store.nodes().list()) {
            if (n.pool().equals(pool.name())) {
                next = Math.max(next, index(n.name(), pool.name()) + 1);
            }
        }
        List<Node> added = new java.util.ArrayList<>();
        for (int i = 0; i < count; i++) {
            int idx = next + i;
            String name = pool.name() + "-" + idx;
            ObjectMeta meta = new ObjectMeta("", name, store.newUid());
            Map<String, String> labels = new TreeMap<>(pool.labels());
            labels.put(Node.LABEL_HOSTNAME, name);
            labels.put("kubernetes.io/os", "linux");
            labels.put("beta.kubernetes.io/os", "linux");
            labels.put("kubernetes.io/arch", "amd64");
            labels.put("kubesim.io/pool", pool.name());
            if (!pool.zones().isEmpty()) {
                labels.put(Node.LABEL_ZONE, pool.zones().get((idx - 1) % pool.zones().size()));
            }
            meta.setLabels(labels);
            Resources alloc = pool.allocatable();
            Node node = new Node(meta, pool.name(), pool.nodeCapacity(), alloc, pool.maxPods(), pool.taints(), store.now());
            pool.images().forEach(node::addImage);
            store.nodes().create(node);
            added.add(node);
        }
        return added;
    }

    private static int index(String nodeName, String pool) {
        try {
            return Integer.parseInt(nodeName.substring(pool.length() + 1));
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Creates every manifest object; kinds are ordered as apply would need them. */
    /**
     * The cluster's own default StorageClass ({@code standard}, WaitForFirstConsumer, as the
     * managed clusters' defaults are) when the manifests use storage and mark no class default:
     * every managed cluster has one, so a claim without a class binds as it would there. A class
     * of that name in the manifests is left as it is.
     */
    public void addDefaultStorageClass(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m instanceof Manifest.StorageClassManifest sc
                    && (sc.isDefault() || sc.name().equals(StorageConfig.DEFAULT_CLASS_NAME))) {
                return;
            }
        }
        ObjectMeta meta = new ObjectMeta("", StorageConfig.DEFAULT_CLASS_NAME, store.newUid());
        meta.putAnnotation(StorageClass.IS_DEFAULT_ANNOTATION, "true");
        store.storageClasses().create(new StorageClass(meta, StorageConfig.DEFAULT_CLASS_PROVISIONER, "Delete",
                io.kubesim.api.VolumeBindingMode.WAIT_FOR_FIRST_CONSUMER, List.of()));
    }

    public void apply(List<Manifest> manifests) {
        store.namespaces().create(new Namespace(new ObjectMeta("", io.kubesim.cluster.Namespace.DEFAULT, store.newUid())));
        create(manifests);
    }

    /** Creates the objects, dependencies first (namespaces, admission objects, storage, Services, workloads). */
    public void create(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m instanceof Manifest.NamespaceManifest ns && store.namespaces().get(ns.name()) == null) {
                ObjectMeta meta = new ObjectMeta("", ns.name(), store.newUid());
                meta.setLabels(ns.labels());
                store.namespaces().create(new Namespace(meta));
            } else if (m instanceof Manifest.PriorityClassManifest pc) {
                store.priorityClasses().create(new PriorityClass(new ObjectMeta("", pc.name(), store.newUid()),
                        pc.value(), pc.globalDefault(), pc.preemptNever()));
            }
        }
        for (Manifest m : manifests) {
            // Admission objects first: every object of the input exists at t=0, so every pod is
            // created after them (k8s-semantics.md 15.2: a LimitRange affects pods created after it).
            if (m instanceof Manifest.ResourceQuotaManifest q) {
                ensureNamespace(q.namespace());
                store.resourceQuotas().create(new ResourceQuota(new ObjectMeta(q.namespace(), q.name(), store.newUid()),
                        q.hard(), q.scopes()));
            } else if (m instanceof Manifest.LimitRangeManifest l) {
                ensureNamespace(l.namespace());
                store.limitRanges().create(new LimitRange(new ObjectMeta(l.namespace(), l.name(), store.newUid()),
                        l.limits()));
            }
        }
        createStorage(manifests);
        for (Manifest m : manifests) {
            ensureNamespace(m.namespace());
            if (m instanceof Manifest.ServiceManifest s) {
                ObjectMeta meta = new ObjectMeta(s.namespace(), s.name(), store.newUid());
                meta.setLabels(s.labels());
                store.services().create(new Service(meta, s.selector(), s.ports(), s.type(), s.headless(),
                        s.publishNotReadyAddresses(), io.kubesim.engine.SimTime.seconds(s.clientIpAffinitySeconds())));
            }
        }
        for (Manifest m : manifests) {
            if (m instanceof Manifest.DeploymentManifest d) {
                createDeployment(d);
            } else if (m instanceof Manifest.ReplicaSetManifest r) {
                ObjectMeta meta = new ObjectMeta(r.namespace(), r.name(), store.newUid());
                meta.setLabels(r.labels());
                meta.setAnnotations(r.annotations());
                (r.replicationController() ? store.replicationControllers() : store.replicaSets())
                        .create(new ReplicaSet(meta, r.selector(), r.template(), r.replicas(), r.minReadySeconds(),
                                r.kind()));
            } else if (m instanceof Manifest.DaemonSetManifest d) {
                ObjectMeta meta = new ObjectMeta(d.namespace(), d.name(), store.newUid());
                meta.setLabels(d.labels());
                meta.setAnnotations(d.annotations());
                store.daemonSets().create(new io.kubesim.cluster.DaemonSet(meta, d.selector(), d.template(),
                        d.updateStrategy(), d.minReadySeconds(), d.revisionHistoryLimit()));
            } else if (m instanceof Manifest.StatefulSetManifest s) {
                createStatefulSet(s);
            } else if (m instanceof Manifest.RolloutManifest ro) {
                ObjectMeta meta = new ObjectMeta(ro.namespace(), ro.name(), store.newUid());
                meta.setLabels(ro.labels());
                meta.setAnnotations(ro.annotations());
                store.rollouts().create(new io.kubesim.cluster.Rollout(meta, ro.spec()));
            } else if (m instanceof Manifest.PodDisruptionBudgetManifest b) {
                ObjectMeta meta = new ObjectMeta(b.namespace(), b.name(), store.newUid());
                meta.setLabels(b.labels());
                store.podDisruptionBudgets().create(new PodDisruptionBudget(meta, b.selector(), b.minAvailable(),
                        b.maxUnavailable(), b.alwaysAllowUnhealthy() ? UnhealthyPodEvictionPolicy.ALWAYS_ALLOW
                        : UnhealthyPodEvictionPolicy.IF_HEALTHY_BUDGET));
            } else if (m instanceof Manifest.JobManifest j) {
                ObjectMeta meta = new ObjectMeta(j.namespace(), j.name(), store.newUid());
                meta.setLabels(j.labels());
                meta.setAnnotations(j.annotations());
                store.jobs().create(io.kubesim.cluster.Job.create(meta, j.spec()));
            } else if (m instanceof Manifest.CronJobManifest c) {
                ObjectMeta meta = new ObjectMeta(c.namespace(), c.name(), store.newUid());
                meta.setLabels(c.labels());
                meta.setAnnotations(c.annotations());
                store.cronJobs().create(new io.kubesim.cluster.CronJob(meta, c.spec()));
            } else if (m instanceof Manifest.PodManifest p) {
                ObjectMeta meta = new ObjectMeta(p.namespace(), p.name(), store.newUid());
                meta.setLabels(p.labels());
                meta.setAnnotations(p.annotations());
                try {
                    admission.create(new Pod(meta, p.spec(), store.now()));
                } catch (AdmissionException e) {
                    throw new SpecException(p.origin().file().isEmpty() ? "" : p.origin().toString(), e.getMessage());
                }
            }
        }
    }

    /**
     * StorageClasses, then PersistentVolumes, then PersistentVolumeClaims (after the DefaultStorageClass
     * admission), each in file order, before any pod that could use them (k8s-semantics.md 14.1).
     */
    private void createStorage(List<Manifest> manifests) {
        for (Manifest m : manifests) {
            if (m instanceof Manifest.StorageClassManifest sc) {
                ObjectMeta meta = new ObjectMeta("", sc.name(), store.newUid());
                if (sc.isDefault()) {
                    meta.putAnnotation(StorageClass.IS_DEFAULT_ANNOTATION, "true");
                }
                store.storageClasses().create(new StorageClass(meta, sc.provisioner(), sc.reclaimPolicy(),
                        sc.bindingMode(), sc.allowedTopologies()));
            }
        }
        for (Manifest m : manifests) {
            if (m instanceof Manifest.PersistentVolumeManifest pv) {
                ObjectMeta meta = new ObjectMeta("", pv.name(), store.newUid());
                meta.setLabels(pv.labels());
                store.persistentVolumes().create(new PersistentVolume(meta, pv.capacity(), pv.accessModes(),
                        pv.storageClassName(), pv.reclaimPolicy(), pv.nodeAffinity(), pv.claimRef(), false,
                        pv.attachable()));
            }
        }
        for (Manifest m : manifests) {
            if (m instanceof Manifest.PersistentVolumeClaimManifest c) {
                ensureNamespace(c.namespace());
                PersistentVolumeClaims.create(store, c.namespace(), c.name(), c.labels(), c.annotations(),
                        c.storageClassName(), c.accessModes(), c.storageRequest(), c.volumeName(), c.selector(), null);
            }
        }
    }

    /** Creates a Deployment from its manifest. */
    public Deployment createDeployment(Manifest.DeploymentManifest d) {
        ensureNamespace(d.namespace());
        ObjectMeta meta = new ObjectMeta(d.namespace(), d.name(), store.newUid());
        meta.setLabels(d.labels());
        meta.setAnnotations(d.annotations());
        Deployment dep = new Deployment(meta, d.selector(), d.template(), d.replicasOrDefault(), d.strategy(),
                d.minReadySeconds(), d.revisionHistoryLimit(), d.progressDeadlineSeconds());
        if (d.paused()) {
            dep.setPaused(true);
        }
        return store.deployments().create(dep);
    }

    /** Creates a StatefulSet from its manifest. */
    public StatefulSet createStatefulSet(Manifest.StatefulSetManifest s) {
        ensureNamespace(s.namespace());
        ObjectMeta meta = new ObjectMeta(s.namespace(), s.name(), store.newUid());
        meta.setLabels(s.labels());
        meta.setAnnotations(s.annotations());
        return store.statefulSets().create(new StatefulSet(meta, s.selector(), s.template(), s.replicasOrDefault(),
                s.podManagementPolicy(), s.updateStrategy(), s.minReadySeconds(), s.revisionHistoryLimit(),
                s.serviceName(), s.ordinalsStart(), s.claimRetention(), s.volumeClaimTemplates()));
    }

    private void ensureNamespace(String ns) {
        if (!ns.isEmpty() && store.namespaces().get(ns) == null) {
            store.namespaces().create(new Namespace(new ObjectMeta("", ns, store.newUid())));
        }
    }

}
