package io.kubesim.api;

import java.util.List;
import java.util.Map;

/**
 * An object as a manifest declares it, before it enters the cluster: what the manifest loader
 * produces and what the simulation bootstraps its store from. Defaults are already applied.
 *
 * @see io.kubesim.api.Manifest.Origin
 */
public sealed interface Manifest {
    String kind();

    String namespace();

    String name();

    /** Where the object was declared, for messages: {@code file:line}. */
    Origin origin();

    /** {@code namespace/name}, or {@code name} when cluster-scoped. */
    default String key() {
        return namespace().isEmpty() ? name() : namespace() + "/" + name();
    }

    /** The file and line a manifest came from; {@code UNKNOWN} for generated objects. */
    record Origin(String file, int line) {
        public static final Origin UNKNOWN = new Origin("", 0);

        @Override
        public String toString() {
            return file.isEmpty() ? "(generated)" : file + ":" + line;
        }
    }

    /** A Namespace. */
    record NamespaceManifest(String name, Map<String, String> labels, Origin origin) implements Manifest {
        public NamespaceManifest {
            labels = Collections2.sortedCopy(labels);
        }

        public String kind() {
            return "Namespace";
        }

        public String namespace() {
            return "";
        }
    }

    /** A PriorityClass. */
    record PriorityClassManifest(String name, int value, boolean globalDefault, boolean preemptNever,
                                 Origin origin) implements Manifest {
        public String kind() {
            return "PriorityClass";
        }

        public String namespace() {
            return "";
        }
    }

    /**
     * A Deployment.
     *
     * @param replicas                null when the manifest omits it (defaults to 1 unless an HPA owns it)
     * @param revisionHistoryLimit    null means unlimited (extensions/v1beta1 default)
     * @param progressDeadlineSeconds null means no deadline
     */
    record DeploymentManifest(String namespace, String name, Map<String, String> labels,
                              Map<String, String> annotations, LabelSelector selector, PodTemplate template,
                              Integer replicas, DeploymentStrategy strategy, int minReadySeconds,
                              Integer revisionHistoryLimit, Integer progressDeadlineSeconds, boolean paused,
                              Origin origin) implements Manifest {
        public DeploymentManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "Deployment";
        }

        /** spec.replicas with the API default of 1. */
        public int replicasOrDefault() {
            return replicas == null ? 1 : replicas;
        }
    }

    /**
     * An Argo Rollout (argoproj.io/v1alpha1; k8s-semantics.md 20): a Deployment-like workload whose
     * ReplicaSets the Argo Rollouts controller runs through canary steps or a blue-green switch.
     */
    record RolloutManifest(String namespace, String name, Map<String, String> labels, Map<String, String> annotations,
                           RolloutSpec spec, Origin origin) implements Manifest {
        public RolloutManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "Rollout";
        }
    }

    /**
     * An Argo AnalysisTemplate, or (with {@code clusterScoped}, namespace "") a
     * ClusterAnalysisTemplate: the metrics an AnalysisRun measures (k8s-semantics.md 20.6).
     */
    record AnalysisTemplateManifest(String namespace, String name, boolean clusterScoped, List<AnalysisMetric> metrics,
                                    Origin origin) implements Manifest {
        public AnalysisTemplateManifest {
            metrics = List.copyOf(metrics);
        }

        public String kind() {
            return clusterScoped ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
        }
    }

    /**
     * A StatefulSet (apps/v1) with the defaults of k8s-semantics.md 11.1 applied.
     *
     * @param replicas             null when the manifest omits it (1, unless an autoscaler owns it)
     * @param serviceName          {@code spec.serviceName} ("" when absent): the governing headless Service
     * @param ordinalsStart        {@code spec.ordinals.start}: the first ordinal (0 when absent)
     * @param volumeClaimTemplates the claims each ordinal gets, in manifest order
     */
    record StatefulSetManifest(String namespace, String name, Map<String, String> labels,
                               Map<String, String> annotations, LabelSelector selector, PodTemplate template,
                               Integer replicas, PodManagementPolicy podManagementPolicy,
                               StatefulSetUpdateStrategy updateStrategy, int minReadySeconds,
                               int revisionHistoryLimit, String serviceName, int ordinalsStart,
                               PersistentVolumeClaimRetentionPolicy claimRetention,
                               List<VolumeClaimTemplate> volumeClaimTemplates, Origin origin) implements Manifest {
        public static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

        public StatefulSetManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
            serviceName = serviceName == null ? "" : serviceName;
            claimRetention = claimRetention == null ? PersistentVolumeClaimRetentionPolicy.RETAIN : claimRetention;
            volumeClaimTemplates = List.copyOf(volumeClaimTemplates);
        }

        public String kind() {
            return "StatefulSet";
        }

        /** spec.replicas with the API default of 1. */
        public int replicasOrDefault() {
            return replicas == null ? 1 : replicas;
        }
    }

    /**
     * A standalone ReplicaSet, or a ReplicationController ({@code kind} ReplicationController: the
     * same object with an equality selector, run by the same controller logic).
     *
     * @param kind {@code ReplicaSet} or {@code ReplicationController}
     */
    record ReplicaSetManifest(String namespace, String name, Map<String, String> labels,
                              Map<String, String> annotations, LabelSelector selector, PodTemplate template,
                              int replicas, int minReadySeconds, Origin origin, String kind) implements Manifest {
        public static final String REPLICATION_CONTROLLER = "ReplicationController";

        public ReplicaSetManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        /** A ReplicaSet. */
        public ReplicaSetManifest(String namespace, String name, Map<String, String> labels,
                                  Map<String, String> annotations, LabelSelector selector, PodTemplate template,
                                  int replicas, int minReadySeconds, Origin origin) {
            this(namespace, name, labels, annotations, selector, template, replicas, minReadySeconds, origin,
                    "ReplicaSet");
        }

        /** Whether this is a ReplicationController. */
        public boolean replicationController() {
            return kind.equals(REPLICATION_CONTROLLER);
        }
    }

    /** A bare Pod. */
    record PodManifest(String namespace, String name, Map<String, String> labels, Map<String, String> annotations,
                       PodSpec spec, Origin origin) implements Manifest {
        public PodManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "Pod";
        }
    }

    /**
     * A Service. {@code selector} is empty for a Service without selector.
     *
     * @param clientIpAffinitySeconds {@code sessionAffinity: ClientIP}'s timeout in seconds, or 0
     *                                for {@code sessionAffinity: None}
     */
    record ServiceManifest(String namespace, String name, Map<String, String> labels, Map<String, String> selector,
                           List<ServicePort> ports, String type, boolean headless, boolean publishNotReadyAddresses,
                           Origin origin, int clientIpAffinitySeconds) implements Manifest {
        public ServiceManifest {
            labels = Collections2.sortedCopy(labels);
            selector = Collections2.sortedCopy(selector);
            ports = List.copyOf(ports);
        }

        /** A Service without session affinity. */
        public ServiceManifest(String namespace, String name, Map<String, String> labels, Map<String, String> selector,
                               List<ServicePort> ports, String type, boolean headless, boolean publishNotReadyAddresses,
                               Origin origin) {
            this(namespace, name, labels, selector, ports, type, headless, publishNotReadyAddresses, origin, 0);
        }

        public String kind() {
            return "Service";
        }
    }

    /**
     * A PodDisruptionBudget: exactly one of {@code minAvailable} and {@code maxUnavailable} is
     * non-null; {@code selector} null selects no pod.
     *
     * @param alwaysAllowUnhealthy {@code unhealthyPodEvictionPolicy: AlwaysAllow} (else IfHealthyBudget)
     */
    /**
     * A NetworkPolicy (networking.k8s.io/v1) with its policyTypes defaulted as the API server does
     * (Ingress always, Egress when there are egress rules; k8s-semantics.md 17.9).
     *
     * @param isolatesIngress Ingress is in policyTypes: the selected pods accept only what some rule admits
     * @param isolatesEgress  Egress is in policyTypes
     */
    record NetworkPolicyManifest(String namespace, String name, Map<String, String> labels, LabelSelector podSelector,
                                 boolean isolatesIngress, boolean isolatesEgress, List<NetworkPolicyRule> ingress,
                                 List<NetworkPolicyRule> egress, Origin origin) implements Manifest {
        public NetworkPolicyManifest {
            labels = Collections2.sortedCopy(labels);
            ingress = List.copyOf(ingress);
            egress = List.copyOf(egress);
        }

        public String kind() {
            return "NetworkPolicy";
        }
    }

    record PodDisruptionBudgetManifest(String namespace, String name, Map<String, String> labels,
                                       LabelSelector selector, IntOrPercent minAvailable, IntOrPercent maxUnavailable,
                                       boolean alwaysAllowUnhealthy, Origin origin) implements Manifest {
        public PodDisruptionBudgetManifest {
            labels = Collections2.sortedCopy(labels);
        }

        public String kind() {
            return "PodDisruptionBudget";
        }
    }

    /**
     * A HorizontalPodAutoscaler (autoscaling/v2, or v1 with targetCPUUtilizationPercentage). kubesim
     * scales a Deployment; an HPA whose target is another kind does nothing but report
     * FailedGetScale, as upstream does when it cannot get the target's scale.
     *
     * @param metrics          never empty: an HPA without metrics gets cpu at 80 % (k8s-semantics.md 1.1)
     * @param scaleUp          null when {@code spec.behavior} is absent: the legacy path (1.8); else both
     *                         directions with the API defaults filled in (1.9)
     * @param scaleDown        null exactly when {@code scaleUp} is
     * @param targetApiVersion {@code scaleTargetRef.apiVersion} ("" when absent)
     */
    record HorizontalPodAutoscalerManifest(String namespace, String name, String targetKind, String targetName,
                                           int minReplicas, int maxReplicas, List<HpaMetric> metrics,
                                           HpaScalingRules scaleUp, HpaScalingRules scaleDown, Origin origin,
                                           String targetApiVersion)
            implements Manifest {
        public HorizontalPodAutoscalerManifest {
            metrics = List.copyOf(metrics);
            targetApiVersion = targetApiVersion == null || targetApiVersion.isEmpty()
                    ? (targetKind.equals("Deployment") ? "apps/v1" : "") : targetApiVersion;
        }

        /** An HPA whose target's apiVersion is not given ({@code apps/v1} for a Deployment). */
        public HorizontalPodAutoscalerManifest(String namespace, String name, String targetKind, String targetName,
                                               int minReplicas, int maxReplicas, List<HpaMetric> metrics,
                                               HpaScalingRules scaleUp, HpaScalingRules scaleDown, Origin origin) {
            this(namespace, name, targetKind, targetName, minReplicas, maxReplicas, metrics, scaleUp, scaleDown, origin,
                    "");
        }

        public String kind() {
            return "HorizontalPodAutoscaler";
        }

        public boolean hasBehavior() {
            return scaleUp != null;
        }
    }

    /**
     * A ResourceQuota (v1). Amounts of {@code cpu}, {@code requests.cpu} and {@code limits.cpu}
     * are in millicores, every other key in its base unit (bytes, objects).
     *
     * @param hard   {@code spec.hard} by key, sorted
     * @param scopes {@code spec.scopes} and {@code spec.scopeSelector} terms; empty applies to every pod
     */
    record ResourceQuotaManifest(String namespace, String name, Map<String, Long> hard, List<QuotaScope> scopes,
                                 Origin origin) implements Manifest {
        public ResourceQuotaManifest {
            hard = Collections2.sortedCopy(hard);
            scopes = List.copyOf(scopes);
        }

        public String kind() {
            return "ResourceQuota";
        }
    }

    /** A LimitRange (v1) with its items defaulted as the API server stores them. */
    record LimitRangeManifest(String namespace, String name, List<LimitRangeItem> limits, Origin origin)
            implements Manifest {
        public LimitRangeManifest {
            limits = List.copyOf(limits);
        }

        public String kind() {
            return "LimitRange";
        }
    }

    /**
     * A DaemonSet (k8s-semantics.md 12.1 defaults applied).
     *
     * @param revisionHistoryLimit old revisions kept for rollback (default 10)
     */
    record DaemonSetManifest(String namespace, String name, Map<String, String> labels,
                             Map<String, String> annotations, LabelSelector selector, PodTemplate template,
                             DaemonSetUpdateStrategy updateStrategy, int minReadySeconds, int revisionHistoryLimit,
                             Origin origin) implements Manifest {
        public DaemonSetManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "DaemonSet";
        }
    }

    /** A Job (batch/v1). */
    record JobManifest(String namespace, String name, Map<String, String> labels, Map<String, String> annotations,
                       JobSpec spec, Origin origin) implements Manifest {
        public JobManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "Job";
        }
    }

    /** A CronJob (batch/v1); its schedule has been validated. */
    record CronJobManifest(String namespace, String name, Map<String, String> labels,
                           Map<String, String> annotations, CronJobSpec spec, Origin origin) implements Manifest {
        public CronJobManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
        }

        public String kind() {
            return "CronJob";
        }
    }

    /**
     * A StorageClass (storage.k8s.io/v1), k8s-semantics.md 14.1 and 14.2.
     *
     * @param provisioner       {@code provisioner}, e.g. {@code ebs.csi.aws.com} or {@code kubernetes.io/no-provisioner}
     * @param reclaimPolicy     {@code reclaimPolicy}, defaulted to Delete
     * @param bindingMode       {@code volumeBindingMode}, defaulted to Immediate
     * @param allowedTopologies {@code allowedTopologies}: where new volumes may be created (empty: anywhere)
     * @param isDefault         annotated {@code storageclass.kubernetes.io/is-default-class: "true"}
     */
    record StorageClassManifest(String name, String provisioner, String reclaimPolicy, VolumeBindingMode bindingMode,
                                List<NodeSelectorTerm> allowedTopologies, boolean isDefault, Origin origin)
            implements Manifest {
        public StorageClassManifest {
            reclaimPolicy = reclaimPolicy == null || reclaimPolicy.isEmpty() ? "Delete" : reclaimPolicy;
            bindingMode = bindingMode == null ? VolumeBindingMode.IMMEDIATE : bindingMode;
            allowedTopologies = List.copyOf(allowedTopologies);
        }

        public String namespace() {
            return "";
        }

        public String kind() {
            return "StorageClass";
        }
    }

    /**
     * A PersistentVolumeClaim (v1), k8s-semantics.md 14.1.
     *
     * @param storageClassName {@code spec.storageClassName}: null when unset (the DefaultStorageClass
     *                         admission fills it), "" for "no class"
     * @param storageRequest   {@code spec.resources.requests.storage} in bytes
     * @param volumeName       {@code spec.volumeName}, "" when unset
     * @param selector         {@code spec.selector}, {@link LabelSelector#EVERYTHING} when unset
     */
    record PersistentVolumeClaimManifest(String namespace, String name, Map<String, String> labels,
                                         Map<String, String> annotations, String storageClassName,
                                         List<AccessMode> accessModes, long storageRequest, String volumeName,
                                         LabelSelector selector, Origin origin) implements Manifest {
        public PersistentVolumeClaimManifest {
            labels = Collections2.sortedCopy(labels);
            annotations = Collections2.sortedCopy(annotations);
            accessModes = List.copyOf(accessModes);
            volumeName = volumeName == null ? "" : volumeName;
            selector = selector == null ? LabelSelector.EVERYTHING : selector;
        }

        public String kind() {
            return "PersistentVolumeClaim";
        }
    }

    /**
     * A PersistentVolume (v1), k8s-semantics.md 14.1 and 14.2.
     *
     * @param capacity         {@code spec.capacity.storage} in bytes
     * @param storageClassName {@code spec.storageClassName}, "" when unset
     * @param reclaimPolicy    {@code spec.persistentVolumeReclaimPolicy}, defaulted to Retain (16)
     * @param nodeAffinity     {@code spec.nodeAffinity.required.nodeSelectorTerms} (empty: any node)
     * @param claimRef         {@code spec.claimRef} as {@code namespace/name}, "" when unset
     * @param attachable       its source is attached to a node before use (CSI and cloud block disks);
     *                         hostPath, local and NFS volumes are not
     */
    record PersistentVolumeManifest(String name, Map<String, String> labels, long capacity,
                                    List<AccessMode> accessModes, String storageClassName, String reclaimPolicy,
                                    List<NodeSelectorTerm> nodeAffinity, String claimRef, boolean attachable,
                                    Origin origin)
            implements Manifest {
        public PersistentVolumeManifest {
            labels = Collections2.sortedCopy(labels);
            accessModes = List.copyOf(accessModes);
            storageClassName = storageClassName == null ? "" : storageClassName;
            reclaimPolicy = reclaimPolicy == null || reclaimPolicy.isEmpty() ? "Retain" : reclaimPolicy;
            nodeAffinity = List.copyOf(nodeAffinity);
            claimRef = claimRef == null ? "" : claimRef;
        }

        public String namespace() {
            return "";
        }

        public String kind() {
            return "PersistentVolume";
        }
    }
}
