package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PersistentVolumeClaimRetentionPolicy;
import io.kubesim.api.PodManagementPolicy;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.StatefulSetUpdateStrategy;
import io.kubesim.api.VolumeClaimTemplate;
import io.kubesim.scenarios.Quantities;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads StatefulSets with the defaults of k8s-semantics.md 11.1 and 16.4 (apps/v1 and
 * apps/v1beta2: OrderedReady, RollingUpdate with partition 0 and maxUnavailable 1,
 * revisionHistoryLimit 10, Retain/Retain; apps/v1beta1: OnDelete and the selector from the
 * template) and the validation the API server applies to the fields kubesim uses.
 */
final class StatefulSetReader {
    private StatefulSetReader() {
    }

    static Manifest.StatefulSetManifest read(ObjectContext ctx, ApiKind kind, StatefulSet s, ObjectMetaReader.Meta meta) {
        var spec = s.getSpec();
        if (spec == null) {
            throw ctx.error("", "a StatefulSet needs a spec");
        }
        PodTemplate template = PodSpecReader.template(ctx, "/spec/template", spec.getTemplate());
        LabelSelector selector = WorkloadReader.selector(ctx, kind, spec.getSelector(), template);
        Integer replicas = WorkloadReader.replicas(ctx, spec.getReplicas());
        int minReady = WorkloadReader.nonNegative(ctx, "/spec/minReadySeconds", spec.getMinReadySeconds());
        int history = spec.getRevisionHistoryLimit() == null ? Manifest.StatefulSetManifest.DEFAULT_REVISION_HISTORY_LIMIT
                : WorkloadReader.nonNegative(ctx, "/spec/revisionHistoryLimit", spec.getRevisionHistoryLimit());
        int start = spec.getOrdinals() == null ? 0
                : WorkloadReader.nonNegative(ctx, "/spec/ordinals/start", spec.getOrdinals().getStart());
        String restart = template.spec().restartPolicy();
        if (!restart.equals("Always")) {
            throw ctx.error("/spec/template/spec/restartPolicy", "Unsupported value: \"" + restart
                    + "\": supported values: \"Always\"");
        }
        Map<String, String> labels = meta.labels();
        if (kind.deploymentDefaults().selectorFromTemplate() && labels.isEmpty()) {
            labels = template.labels();
        }
        return new Manifest.StatefulSetManifest(meta.namespace(), meta.name(), labels, meta.annotations(), selector,
                template, replicas, policy(ctx, spec.getPodManagementPolicy()), strategy(ctx, kind, spec), minReady,
                history, serviceName(ctx, spec.getServiceName()), start, retention(ctx, spec.getPersistentVolumeClaimRetentionPolicy()),
                claimTemplates(ctx, spec.getVolumeClaimTemplates()), ctx.origin());
    }

    /** A lowercase RFC 1123 label: what a pod's {@code spec.subdomain} must be. */
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    /**
     * spec.serviceName is optional (a set without one runs, its pods without a subdomain), but one
     * that is written becomes each pod's {@code spec.subdomain}, so the API server refuses one that
     * is not a DNS label (ValidateStatefulSetSpec since 1.33; before, the controller's creates
     * failed on the pod's subdomain).
     */
    private static String serviceName(ObjectContext ctx, String name) {
        if (name != null && !name.isEmpty() && (name.length() > 63 || !DNS_LABEL.matcher(name).matches())) {
            throw ctx.error("/spec/serviceName", "invalid serviceName \"" + name + "\": expected a lowercase "
                    + "RFC 1123 label (at most 63 lower-case letters, digits and '-', starting and ending with a "
                    + "letter or digit), as it becomes each pod's subdomain");
        }
        return name;
    }

    /** Empty and absent both default (16.3: the defaulter checks the length). */
    private static PodManagementPolicy policy(ObjectContext ctx, String p) {
        if (p == null || p.isEmpty()) {
            return PodManagementPolicy.ORDERED_READY;
        }
        for (PodManagementPolicy v : PodManagementPolicy.values()) {
            if (v.wireName().equals(p)) {
                return v;
            }
        }
        throw ctx.error("/spec/podManagementPolicy", "expected OrderedReady or Parallel, got \"" + p + "\"");
    }

    /**
     * The type defaults to RollingUpdate (OnDelete in apps/v1beta1) and only then is a
     * {@code rollingUpdate} struct created (11.1, 16.3); a partition absent from a struct that
     * exists is 0 and maxUnavailable 1.
     */
    private static StatefulSetUpdateStrategy strategy(ObjectContext ctx, ApiKind kind,
                                                      io.fabric8.kubernetes.api.model.apps.StatefulSetSpec spec) {
        var s = spec.getUpdateStrategy();
        String type = s == null ? null : s.getType();
        var rolling = s == null ? null : s.getRollingUpdate();
        boolean typeDefaulted = type == null || type.isEmpty();
        if (typeDefaulted) {
            type = kind.apiVersion().equals("apps/v1beta1") ? "OnDelete" : "RollingUpdate";
        }
        if (type.equals("OnDelete")) {
            if (rolling != null) {
                throw ctx.error("/spec/updateStrategy/rollingUpdate",
                        "only allowed for updateStrategy 'RollingUpdate'");
            }
            return StatefulSetUpdateStrategy.ON_DELETE;
        }
        if (!type.equals("RollingUpdate")) {
            throw ctx.error("/spec/updateStrategy/type", "expected RollingUpdate or OnDelete, got \"" + type + "\"");
        }
        if (rolling == null) {
            return typeDefaulted ? StatefulSetUpdateStrategy.DEFAULT
                    : new StatefulSetUpdateStrategy(false, false, 0, null);
        }
        int partition = WorkloadReader.nonNegative(ctx, "/spec/updateStrategy/rollingUpdate/partition",
                rolling.getPartition());
        IntOrPercent maxUnavailable = null;
        if (rolling.getMaxUnavailable() != null) {
            String p = "/spec/updateStrategy/rollingUpdate/maxUnavailable";
            maxUnavailable = WorkloadReader.intOrPercent(ctx, p, rolling.getMaxUnavailable());
            if (maxUnavailable.value() == 0) {
                throw ctx.error(p, "must be greater than 0, got " + maxUnavailable);
            }
            if (maxUnavailable.percent() && maxUnavailable.value() > 100) {
                throw ctx.error(p, "must not be greater than 100%, got " + maxUnavailable);
            }
        }
        return StatefulSetUpdateStrategy.rolling(partition, maxUnavailable);
    }

    private static PersistentVolumeClaimRetentionPolicy retention(
            ObjectContext ctx, io.fabric8.kubernetes.api.model.apps.StatefulSetPersistentVolumeClaimRetentionPolicy p) {
        if (p == null) {
            return PersistentVolumeClaimRetentionPolicy.RETAIN;
        }
        return new PersistentVolumeClaimRetentionPolicy(
                deletes(ctx, "/spec/persistentVolumeClaimRetentionPolicy/whenDeleted", p.getWhenDeleted()),
                deletes(ctx, "/spec/persistentVolumeClaimRetentionPolicy/whenScaled", p.getWhenScaled()));
    }

    private static boolean deletes(ObjectContext ctx, String pointer, String v) {
        if (v == null || v.isEmpty() || v.equals("Retain")) {
            return false;
        }
        if (v.equals("Delete")) {
            return true;
        }
        throw ctx.error(pointer, "expected Retain or Delete, got \"" + v + "\"");
    }

    /** Each template's name, storage class, access modes and requested storage; names must be unique. */
    private static List<VolumeClaimTemplate> claimTemplates(ObjectContext ctx, List<PersistentVolumeClaim> claims) {
        List<VolumeClaimTemplate> out = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; claims != null && i < claims.size(); i++) {
            String at = "/spec/volumeClaimTemplates/" + i;
            PersistentVolumeClaim c = claims.get(i);
            String name = c.getMetadata() == null ? null : c.getMetadata().getName();
            if (name == null || name.isEmpty()) {
                throw ctx.errorAtKey(at, "a volumeClaimTemplate needs metadata.name");
            }
            if (!names.add(name)) {
                throw ctx.error(at + "/metadata/name", "Duplicate value: \"" + name + "\"");
            }
            var spec = c.getSpec();
            String storageClass = spec == null ? null : spec.getStorageClassName();
            List<String> modes = spec == null || spec.getAccessModes() == null ? List.of() : spec.getAccessModes();
            long storage = 0;
            Map<String, Quantity> requests = spec == null || spec.getResources() == null ? null
                    : spec.getResources().getRequests();
            if (requests != null && requests.get("storage") != null) {
                String p = at + "/spec/resources/requests/storage";
                BigDecimal amount = Quantities.parse(ctx.node(p).asText());
                if (amount.signum() < 0) {
                    throw ctx.error(p, "must not be negative, got " + ctx.node(p).asText());
                }
                storage = Quantities.value(amount);
            }
            Map<String, String> labels = c.getMetadata().getLabels() == null ? Map.of() : c.getMetadata().getLabels();
            out.add(new VolumeClaimTemplate(name, labels, storageClass, modes, storage));
        }
        return out;
    }
}
