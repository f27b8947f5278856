package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.kubesim.api.DaemonSetUpdateStrategy;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import java.util.Map;

/**
 * Reads DaemonSets with the defaults of their API version (k8s-semantics.md 12.1, 16.4:
 * RollingUpdate with maxUnavailable 1 and maxSurge 0; OnDelete and a selector from the template
 * labels for extensions/v1beta1; revisionHistoryLimit 10) and the API server's validation
 * (ValidateDaemonSetUpdateStrategy): exactly one of maxUnavailable and maxSurge non-zero,
 * maxUnavailable at most 100 %.
 */
final class DaemonSetReader {
    static final String EXTENSIONS_V1BETA1 = "extensions/v1beta1";
    private static final int DEFAULT_REVISION_HISTORY_LIMIT = 10;

    private DaemonSetReader() {
    }

    static Manifest.DaemonSetManifest read(ObjectContext ctx, ApiKind kind, DaemonSet ds, ObjectMetaReader.Meta meta) {
        var spec = ds.getSpec();
        if (spec == null) {
            throw ctx.error("", "a DaemonSet needs a spec");
        }
        PodTemplate template = PodSpecReader.template(ctx, "/spec/template", spec.getTemplate());
        LabelSelector selector = WorkloadReader.selector(ctx, kind, spec.getSelector(), template);
        DaemonSetUpdateStrategy strategy = strategy(ctx, kind, spec.getUpdateStrategy());
        int minReady = nonNegative(ctx, "/spec/minReadySeconds", spec.getMinReadySeconds(), 0);
        int history = nonNegative(ctx, "/spec/revisionHistoryLimit", spec.getRevisionHistoryLimit(),
                DEFAULT_REVISION_HISTORY_LIMIT);
        Map<String, String> labels = meta.labels();
        if (kind.apiVersion().equals(EXTENSIONS_V1BETA1) && labels.isEmpty()) {
            labels = template.labels();
        }
        return new Manifest.DaemonSetManifest(meta.namespace(), meta.name(), labels, meta.annotations(), selector,
                template, strategy, minReady, history, ctx.origin());
    }

    private static DaemonSetUpdateStrategy strategy(ObjectContext ctx, ApiKind kind,
                                                    io.fabric8.kubernetes.api.model.apps.DaemonSetUpdateStrategy s) {
        String type = s == null || s.getType() == null || s.getType().isEmpty()
                ? (kind.apiVersion().equals(EXTENSIONS_V1BETA1) ? "OnDelete" : "RollingUpdate") : s.getType();
        var rolling = s == null ? null : s.getRollingUpdate();
        if (type.equals("OnDelete")) {
            if (rolling != null) {
                throw ctx.error("/spec/updateStrategy/rollingUpdate",
                        "may not be specified when strategy type is OnDelete");
            }
            return DaemonSetUpdateStrategy.ON_DELETE;
        }
        if (!type.equals("RollingUpdate")) {
            throw ctx.error("/spec/updateStrategy/type", "expected RollingUpdate or OnDelete, got \"" + type + "\"");
        }
        String at = "/spec/updateStrategy/rollingUpdate";
        IntOrPercent unavailable = rolling == null || rolling.getMaxUnavailable() == null
                ? DaemonSetUpdateStrategy.DEFAULT_MAX_UNAVAILABLE
                : WorkloadReader.intOrPercent(ctx, at + "/maxUnavailable", rolling.getMaxUnavailable());
        IntOrPercent surge = rolling == null || rolling.getMaxSurge() == null
                ? DaemonSetUpdateStrategy.DEFAULT_MAX_SURGE
                : WorkloadReader.intOrPercent(ctx, at + "/maxSurge", rolling.getMaxSurge());
        if (unavailable.percent() && unavailable.value() > 100) {
            throw ctx.error(at + "/maxUnavailable", "must not be greater than 100%, got " + unavailable);
        }
        if (unavailable.value() == 0 && surge.value() == 0) {
            throw ctx.error(at + "/maxUnavailable", "cannot be 0 when maxSurge is 0");
        }
        if (unavailable.value() != 0 && surge.value() != 0) {
            throw ctx.error(at + "/maxSurge", "may not be set when maxUnavailable is non-zero (maxUnavailable is "
                    + unavailable + (rolling == null || rolling.getMaxUnavailable() == null ? " by default" : "")
                    + "; set it to 0 to surge)");
        }
        return new DaemonSetUpdateStrategy(false, unavailable, surge);
    }

    private static int nonNegative(ObjectContext ctx, String pointer, Integer v, int fallback) {
        if (v == null) {
            return fallback;
        }
        if (v < 0) {
            throw ctx.error(pointer, "must be greater than or equal to 0, got " + v);
        }
        return v;
    }
}
