package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.Manifest;
import io.kubesim.controllers.rollout.analysis.ConditionExpression;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.manifest.argo.AnalysisTemplateResource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Argo AnalysisTemplate or ClusterAnalysisTemplate (k8s-semantics.md 20.6) into the
 * metrics kubesim evaluates. The CRD refuses a metric without name or provider (errors);
 * Argo's own checks ({@code utils/analysis/factory.go ValidateMetrics}) only run when an
 * AnalysisRun is made from the template, which then ends in phase Error: such a template is one
 * warning and is left out ({@code null}). {@code {{args.NAME}}} in count and the limits takes the
 * template's default for the argument.
 */
final class AnalysisTemplateReader {
    /** The providers, as the CRD names them, in Argo's order. */
    static final List<String> PROVIDERS = List.of("prometheus", "kayenta", "web", "datadog", "wavefront", "newRelic",
            "job", "cloudWatch", "graphite", "influxdb", "skywalking", "plugin");
    /** The providers whose query kubesim quotes in messages. */
    private static final Set<String> QUERY_PROVIDERS = Set.of("prometheus", "datadog", "newRelic", "graphite",
            "influxdb", "wavefront");
    private static final Pattern ARG = Pattern.compile("\\{\\{\\s*args\\.([A-Za-z0-9_.-]+)\\s*}}");

    private final ObjectContext ctx;
    private final String describe;
    private final Map<String, String> argDefaults = new LinkedHashMap<>();

    private AnalysisTemplateReader(ObjectContext ctx, String describe) {
        this.ctx = ctx;
        this.describe = describe;
    }

    /** The template, or null (with one warning) when Argo's validation of its metrics fails. */
    static Manifest.AnalysisTemplateManifest read(ObjectContext ctx, AnalysisTemplateResource t,
                                                  ObjectMetaReader.Meta meta, boolean clusterScoped) {
        String kind = clusterScoped ? "ClusterAnalysisTemplate" : "AnalysisTemplate";
        AnalysisTemplateReader reader = new AnalysisTemplateReader(ctx, kind + " \"" + meta.name() + "\"");
        if (t.getSpec() == null) {
            throw ctx.errorAtKey("", "spec is required (the " + kind + " CRD's schema refuses an object without it)");
        }
        try {
            List<AnalysisMetric> metrics = reader.metrics(t.getSpec());
            return new Manifest.AnalysisTemplateManifest(meta.namespace(), meta.name(), clusterScoped, metrics,
                    ctx.origin());
        } catch (Invalid e) {
            ctx.warn(e.pointer, reader.describe + " is invalid (" + e.getMessage() + "): Argo Rollouts ends every "
                    + "AnalysisRun made from it in phase Error, which aborts the Rollout; kubesim leaves it out");
            return null;
        }
    }

    /** A metric Argo's ValidateMetrics refuses. */
    private static final class Invalid extends RuntimeException {
        final String pointer;

        Invalid(String pointer, String message) {
            super(message, null, false, false);
            this.pointer = pointer;
        }
    }

    private List<AnalysisMetric> metrics(AnalysisTemplateResource.Spec spec) {
        List<AnalysisTemplateResource.Argument> args = spec.args() == null ? List.of() : spec.args();
        for (int i = 0; i < args.size(); i++) {
            AnalysisTemplateResource.Argument a = args.get(i);
            if (a.name() == null || a.name().isEmpty()) {
                throw ctx.errorAtKey("/spec/args/" + i, "spec.args[" + i + "].name is required (the CRD's schema "
                        + "refuses an argument without it)");
            }
            if (a.value() != null) {
                argDefaults.put(a.name(), a.value());
            }
        }
        List<AnalysisTemplateResource.Metric> written = spec.metrics() == null ? List.of() : spec.metrics();
        for (int i = 0; i < written.size(); i++) {
            AnalysisTemplateResource.Metric m = written.get(i);
            if (m.name() == null || m.name().isEmpty()) {
                throw ctx.errorAtKey("/spec/metrics/" + i, "spec.metrics[" + i + "].name is required (the CRD's "
                        + "schema refuses a metric without it)");
            }
            if (m.provider() == null) {
                throw ctx.errorAtKey("/spec/metrics/" + i, "spec.metrics[" + i + "].provider is required (the CRD's "
                        + "schema refuses a metric without it)");
            }
        }
        if (written.isEmpty() && (spec.templates() == null || spec.templates().isEmpty())) {
            throw new Invalid("/spec", "no metrics specified");
        }
        if (spec.templates() != null && !spec.templates().isEmpty()) {
            ctx.warn("/spec/templates", describe + ": spec.templates (metrics composed from other templates) is not "
                    + "read by kubesim; only this template's own metrics are measured");
        }
        List<AnalysisMetric> metrics = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < written.size(); i++) {
            AnalysisTemplateResource.Metric m = written.get(i);
            if (!names.add(m.name())) {
                throw new Invalid("/spec/metrics/" + i + "/name", "metrics[" + i + "]: duplicate name '" + m.name() + "'");
            }
            metrics.add(metric("/spec/metrics/" + i, i, m));
        }
        return metrics;
    }

    private AnalysisMetric metric(String p, int i, AnalysisTemplateResource.Metric m) {
        String at = "metrics[" + i + "]: ";
        int count = limit(p + "/count", m.count(), 0);
        int failureLimit = limit(p + "/failureLimit", m.failureLimit(), 0);
        int inconclusiveLimit = limit(p + "/inconclusiveLimit", m.inconclusiveLimit(), 0);
        int consecutiveErrorLimit = limit(p + "/consecutiveErrorLimit", m.consecutiveErrorLimit(),
                AnalysisMetric.DEFAULT_CONSECUTIVE_ERROR_LIMIT);
        int consecutiveSuccessLimit = limit(p + "/consecutiveSuccessLimit", m.consecutiveSuccessLimit(), 0);
        // Argo's ValidateMetric, in its order.
        if (consecutiveSuccessLimit < 0) {
            throw new Invalid(p + "/consecutiveSuccessLimit", at + "consecutiveSuccessLimit must be >= 0");
        }
        if (failureLimit < -1) {
            throw new Invalid(p + "/failureLimit", at + "failureLimit must be >= 0, or -1 to be disabled");
        }
        if (consecutiveSuccessLimit == 0 && failureLimit == -1) {
            throw new Invalid(p + "/failureLimit", at + "failureLimit and consecutiveSuccessLimit cannot both be disabled");
        }
        if (inconclusiveLimit < 0) {
            throw new Invalid(p + "/inconclusiveLimit", at + "inconclusiveLimit must be >= 0");
        }
        if (consecutiveErrorLimit < 0) {
            throw new Invalid(p + "/consecutiveErrorLimit", at + "consecutiveErrorLimit must be >= 0");
        }
        if (count > 0) {
            if (failureLimit >= 0 && count < failureLimit + consecutiveSuccessLimit) {
                throw new Invalid(p + "/count", at + "count (" + count + ") must be >= failureLimit + "
                        + "consecutiveSuccessLimit (" + failureLimit + " + " + consecutiveSuccessLimit + ") if both >= 0");
            }
            if (failureLimit < 0 && count < consecutiveSuccessLimit) {
                throw new Invalid(p + "/count", at + "count must be >= consecutiveSuccessLimit");
            }
            if (count < inconclusiveLimit) {
                throw new Invalid(p + "/count", at + "count must be >= inconclusiveLimit");
            }
        }
        boolean hasInterval = m.interval() != null && !m.interval().isEmpty();
        if (count > 1 && !hasInterval) {
            throw new Invalid(p + "/count", at + "interval must be specified when count > 1");
        }
        Long interval = hasInterval ? seconds(p + "/interval", m.interval(), at + "invalid interval string") : null;
        long initialDelay = m.initialDelay() == null || m.initialDelay().isEmpty() ? 0
                : seconds(p + "/initialDelay", m.initialDelay(), at + "invalid startDelay string");
        List<String> providers = providers(p + "/provider");
        if (providers.isEmpty()) {
            throw new Invalid(p + "/provider", at + "no provider specified");
        }
        if (providers.size() > 1) {
            throw new Invalid(p + "/provider", at + "multiple providers specified");
        }
        String provider = providers.get(0);
        String query = QUERY_PROVIDERS.contains(provider) ? ctx.node(p + "/provider/" + provider + "/query").asText("")
                : "";
        return new AnalysisMetric(m.name(), interval, count == 0 ? null : count,
                condition(p + "/successCondition", m.successCondition()),
                condition(p + "/failureCondition", m.failureCondition()), failureLimit, inconclusiveLimit,
                consecutiveErrorLimit, initialDelay, provider, query, ctx.keyLocation(p).toString(),
                consecutiveSuccessLimit);
    }

    /** The providers set under {@code provider}, in the order written; each plugin counts as one. */
    private List<String> providers(String p) {
        List<String> found = new ArrayList<>();
        ctx.node(p).fields().forEachRemaining(e -> {
            if (PROVIDERS.contains(e.getKey()) && RolloutReader.present(e.getValue())) {
                if (e.getKey().equals("plugin")) {
                    e.getValue().fieldNames().forEachRemaining(n -> found.add("plugin"));
                } else {
                    found.add(e.getKey());
                }
            }
        });
        return found;
    }

    /** A condition kubesim can evaluate, or null (with a warning) for one it cannot parse. */
    private String condition(String p, String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            ConditionExpression.parse(text);
            return text;
        } catch (IllegalArgumentException e) {
            ctx.warn(p, describe + ": " + e.getMessage() + "; kubesim treats the metric as having no "
                    + p.substring(p.lastIndexOf('/') + 1));
            return null;
        }
    }

    private long seconds(String p, String text, String message) {
        try {
            return Durations.parseMicros(text) / 1_000_000L;
        } catch (IllegalArgumentException e) {
            throw new Invalid(p, message + ": " + e.getMessage());
        }
    }

    /**
     * count and the limits: an integer, an integer string, or {@code {{args.NAME}}} resolved
     * against the template's default for NAME. Anything else keeps the default, with a warning.
     */
    private int limit(String p, IntOrString v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal() == null ? "" : v.getStrVal().trim();
        String field = p.substring(p.lastIndexOf('/') + 1);
        Matcher m = ARG.matcher(s);
        if (m.matches()) {
            String value = argDefaults.get(m.group(1));
            if (value == null) {
                ctx.warn(p, describe + ": " + field + " \"" + s + "\" takes the argument " + m.group(1)
                        + ", which has no default value in the template; kubesim does not resolve the Rollout's "
                        + "arguments here and uses " + dflt);
                return dflt;
            }
            s = value.trim();
        }
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            ctx.warn(p, describe + ": " + field + " \"" + v.getStrVal() + "\" is not an integer; kubesim uses " + dflt);
            return dflt;
        }
    }
}
