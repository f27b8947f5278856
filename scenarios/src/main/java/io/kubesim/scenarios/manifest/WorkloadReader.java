package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.kubesim.api.DeploymentStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Deployments and ReplicaSets with the defaults of the API version they were written for
 * ({@link DeploymentDefaults}; apps/v1 per k8s-semantics.md 2.1) and the validation the API
 * server applies: replicas not negative, a selector that matches the template's labels,
 * maxSurge/maxUnavailable an integer or a percentage and not both zero.
 */
final class WorkloadReader {
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%");

    private WorkloadReader() {
    }

    static Manifest.DeploymentManifest deployment(ObjectContext ctx, ApiKind kind, Deployment d, ObjectMetaReader.Meta meta) {
        var spec = d.getSpec();
        if (spec == null) {
            throw ctx.error("", "a Deployment needs a spec");
        }
        DeploymentDefaults defaults = kind.deploymentDefaults();
        PodTemplate template = PodSpecReader.template(ctx, "/spec/template", spec.getTemplate());
        LabelSelector selector = selector(ctx, kind, spec.getSelector(), template);
        Integer replicas = replicas(ctx, spec.getReplicas());
        DeploymentStrategy strategy = strategy(ctx, spec.getStrategy(), defaults);
        int minReady = nonNegative(ctx, "/spec/minReadySeconds", spec.getMinReadySeconds());
        Integer history = spec.getRevisionHistoryLimit() != null
                ? Integer.valueOf(nonNegative(ctx, "/spec/revisionHistoryLimit", spec.getRevisionHistoryLimit()))
                : defaults.revisionHistoryLimit();
        Integer deadline = spec.getProgressDeadlineSeconds() != null
                ? spec.getProgressDeadlineSeconds() : defaults.progressDeadlineSeconds();
        if (deadline != null && deadline == Integer.MAX_VALUE) {
            deadline = null;
        }
        if (deadline != null && deadline <= minReady) {
            throw ctx.error("/spec/progressDeadlineSeconds", "progressDeadlineSeconds (" + deadline
                    + ") must be greater than minReadySeconds (" + minReady + ")");
        }
        Map<String, String> labels = meta.labels();
        if (defaults.selectorFromTemplate() && labels.isEmpty()) {
            labels = template.labels();
        }
        return new Manifest.DeploymentManifest(meta.namespace(), meta.name(), labels, meta.annotations(), selector,
                template, replicas, strategy, minReady, history, deadline, Boolean.TRUE.equals(spec.getPaused()),
                ctx.origin());
    }

    static Manifest.ReplicaSetManifest replicaSet(ObjectContext ctx, ApiKind kind, ReplicaSet rs, ObjectMetaReader.Meta meta) {
        var spec = rs.getSpec();
        if (spec == null) {
            throw ctx.error("", "a ReplicaSet needs a spec");
        }
        PodTemplate template = PodSpecReader.template(ctx, "/spec/template", spec.getTemplate());
        LabelSelector selector = selector(ctx, kind, spec.getSelector(), template);
        Integer replicas = replicas(ctx, spec.getReplicas());
        Map<String, String> labels = meta.labels();
        if (kind.deploymentDefaults().selectorFromTemplate() && labels.isEmpty()) {
            labels = template.labels();
        }
        return new Manifest.ReplicaSetManifest(meta.namespace(), meta.name(), labels, meta.annotations(), selector,
                template, replicas == null ? 1 : replicas,
                nonNegative(ctx, "/spec/minReadySeconds", spec.getMinReadySeconds()), ctx.origin());
    }

    /**
     * A v1 ReplicationController, read as a ReplicaSet of kind ReplicationController with an
     * equality selector (a plain map). SetDefaults_ReplicationController: an empty selector and
     * empty labels take the template's labels, replicas default to 1; validation then wants a
     * template, a non-empty selector and template labels it matches.
     */
    static Manifest.ReplicaSetManifest replicationController(ObjectContext ctx,
                                                             io.fabric8.kubernetes.api.model.ReplicationController rc,
                                                             ObjectMetaReader.Meta meta) {
        var spec = rc.getSpec();
        if (spec == null || spec.getTemplate() == null) {
            throw ctx.errorAtKey(spec == null ? "" : "/spec", "a ReplicationController needs spec.template");
        }
        PodTemplate template = PodSpecReader.template(ctx, "/spec/template", spec.getTemplate());
        Map<String, String> equality = spec.getSelector() == null ? Map.of() : spec.getSelector();
        if (equality.isEmpty()) {
            if (template.labels().isEmpty()) {
                throw ctx.error("/spec/template", "spec.template.metadata.labels are required");
            }
            equality = template.labels();
        }
        LabelSelector selector = LabelSelector.of(equality);
        if (!selector.matches(template.labels())) {
            throw ctx.error("/spec/selector", "selector (" + selector + ") does not match the template labels "
                    + template.labels());
        }
        Integer replicas = replicas(ctx, spec.getReplicas());
        Map<String, String> labels = meta.labels().isEmpty() ? template.labels() : meta.labels();
        return new Manifest.ReplicaSetManifest(meta.namespace(), meta.name(), labels, meta.annotations(), selector,
                template, replicas == null ? 1 : replicas,
                nonNegative(ctx, "/spec/minReadySeconds", spec.getMinReadySeconds()), ctx.origin(),
                Manifest.ReplicaSetManifest.REPLICATION_CONTROLLER);
    }

    static LabelSelector selector(ObjectContext ctx, ApiKind kind, io.fabric8.kubernetes.api.model.LabelSelector s,
                                          PodTemplate template) {
        LabelSelector selector = SelectorReader.labelSelector(ctx, "/spec/selector", s);
        if (selector == null || selector.isEmpty()) {
            if (!kind.deploymentDefaults().selectorFromTemplate() || (selector != null)) {
                throw ctx.errorAtKey(selector == null ? "/spec" : "/spec/selector", kind.apiVersion() + " " + kind.kind()
                        + " needs a non-empty spec.selector (e.g. matchLabels: {app: web})");
            }
            if (template.labels().isEmpty()) {
                throw ctx.error("/spec/template", "spec.template.metadata.labels are required");
            }
            // SetDefaults_Deployment of extensions/v1beta1 and apps/v1beta1: selector := template labels.
            selector = LabelSelector.of(template.labels());
        }
        if (!selector.matches(template.labels())) {
            throw ctx.error("/spec/selector", "selector (" + selector + ") does not match the template labels "
                    + template.labels());
        }
        return selector;
    }

    static Integer replicas(ObjectContext ctx, Integer replicas) {
        if (replicas != null && replicas < 0) {
            throw ctx.error("/spec/replicas", "replicas must be greater than or equal to 0, got " + replicas);
        }
        return replicas;
    }

    static int nonNegative(ObjectContext ctx, String pointer, Integer v) {
        if (v == null) {
            return 0;
        }
        if (v < 0) {
            throw ctx.error(pointer, "must be greater than or equal to 0, got " + v);
        }
        return v;
    }

    private static DeploymentStrategy strategy(ObjectContext ctx, io.fabric8.kubernetes.api.model.apps.DeploymentStrategy s,
                                               DeploymentDefaults defaults) {
        String type = s == null || s.getType() == null || s.getType().isEmpty() ? "RollingUpdate" : s.getType();
        var rolling = s == null ? null : s.getRollingUpdate();
        if (type.equals("Recreate")) {
            if (rolling != null) {
                throw ctx.error("/spec/strategy/rollingUpdate", "may not be specified when strategy type is Recreate");
            }
            return DeploymentStrategy.RECREATE;
        }
        if (!type.equals("RollingUpdate")) {
            throw ctx.error("/spec/strategy/type", "expected RollingUpdate or Recreate, got \"" + type + "\"");
        }
        IntOrPercent surge = rolling == null || rolling.getMaxSurge() == null ? defaults.maxSurge()
                : intOrPercent(ctx, "/spec/strategy/rollingUpdate/maxSurge", rolling.getMaxSurge());
        IntOrPercent unavailable = rolling == null || rolling.getMaxUnavailable() == null ? defaults.maxUnavailable()
                : intOrPercent(ctx, "/spec/strategy/rollingUpdate/maxUnavailable", rolling.getMaxUnavailable());
        if (unavailable.percent() && unavailable.value() > 100) {
            throw ctx.error("/spec/strategy/rollingUpdate/maxUnavailable", "must not be greater than 100%, got "
                    + unavailable);
        }
        if (surge.value() == 0 && unavailable.value() == 0) {
            throw ctx.error("/spec/strategy/rollingUpdate", "maxSurge and maxUnavailable may not both be 0");
        }
        return DeploymentStrategy.rolling(surge, unavailable);
    }

    /**
     * An IntOrString as apimachinery's validation reads it for maxSurge/maxUnavailable: a
     * non-negative integer, or a string that is a non-negative whole percentage such as "25%".
     */
    static IntOrPercent intOrPercent(ObjectContext ctx, String pointer, IntOrString v) {
        if (v.getIntVal() != null) {
            if (v.getIntVal() < 0) {
                throw ctx.error(pointer, "must be greater than or equal to 0, got " + v.getIntVal());
            }
            return IntOrPercent.ofInt(v.getIntVal());
        }
        String s = v.getStrVal() == null ? "" : v.getStrVal();
        Matcher m = PERCENT.matcher(s);
        if (!m.matches()) {
            throw ctx.error(pointer, "expected an integer or a percentage such as 25%, got \"" + s + "\"");
        }
        try {
            return IntOrPercent.ofPercent(Integer.parseInt(m.group(1)));
        } catch (NumberFormatException e) {
            throw ctx.error(pointer, "percentage \"" + s + "\" is too large");
        }
    }
}
