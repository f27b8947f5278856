package io.kubesim.scenarios.scenario;

import io.kubesim.api.AnalysisMeasure;
import io.kubesim.api.AnalysisMetric;
import io.kubesim.api.CanaryStep;
import io.kubesim.api.Manifest;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.Suggestions;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario's {@code analysis} section (k8s-semantics.md 20.6): what each AnalysisTemplate
 * metric measures in the run, since kubesim cannot run a Prometheus or Datadog query.
 *
 * <pre>{@code
 * analysis:
 *   success-rate:            # a metric's name, or TEMPLATE/METRIC
 *     measure: successRatio  # errorRatio | successRatio | requestRate | p99Ms | p95Seconds ...
 *     of: canary             # canary (default) | stable | service/NAME
 *     window: 5m             # default: the metric's interval, else 60s
 * }</pre>
 *
 * A bad measure, {@code of} or window is an error; a key that names no loaded metric is a
 * warning. Every metric of a template some Rollout runs that has no entry is a warning at the
 * metric: its measurements cannot be taken.
 */
final class AnalysisReader {
    /** The measures, for messages. */
    static final String MEASURES = "errorRatio, successRatio, requestRate or a latency percentile "
            + "(p50Ms, p99Ms, p99.9Ms, p95Seconds ...)";
    private static final Pattern LATENCY = Pattern.compile("p(\\d+(?:\\.\\d+)?)(Ms|Seconds)");

    private AnalysisReader() {
    }

    static List<AnalysisMeasure> read(ScenarioNode section, List<Manifest> manifests, Diagnostics diagnostics) {
        List<Manifest.AnalysisTemplateManifest> templates = manifests.stream()
                .filter(m -> m instanceof Manifest.AnalysisTemplateManifest)
                .map(m -> (Manifest.AnalysisTemplateManifest) m).toList();
        Set<String> known = new LinkedHashSet<>();
        for (Manifest.AnalysisTemplateManifest t : templates) {
            for (AnalysisMetric m : t.metrics()) {
                known.add(m.name());
                known.add(t.name() + "/" + m.name());
            }
        }
        List<AnalysisMeasure> out = new ArrayList<>();
        if (section.isPresent()) {
            for (Map.Entry<String, ScenarioNode> e : section.entries().entrySet()) {
                AnalysisMeasure measure = measure(e.getKey(), e.getValue(), manifests);
                if (!known.contains(e.getKey())) {
                    diagnostics.warn(e.getValue().keyLocation(), "analysis \"" + e.getKey() + "\" names no metric of "
                            + "a loaded AnalysisTemplate and is ignored (write METRIC or TEMPLATE/METRIC)"
                            + (known.isEmpty() ? "; no AnalysisTemplate is loaded"
                            : Suggestions.didYouMean(e.getKey(), known)));
                } else {
                    out.add(measure);
                }
            }
        }
        unmapped(manifests, templates, out, diagnostics);
        return out;
    }

    private static AnalysisMeasure measure(String key, ScenarioNode n, List<Manifest> manifests) {
        n.object("AnalysisMeasure");
        ScenarioNode m = n.required("measure");
        String written = m.nonEmptyText();
        AnalysisMeasure.Kind kind;
        double quantile = 0;
        boolean seconds = false;
        switch (written) {
            case "errorRatio" -> kind = AnalysisMeasure.Kind.ERROR_RATIO;
            case "successRatio" -> kind = AnalysisMeasure.Kind.SUCCESS_RATIO;
            case "requestRate" -> kind = AnalysisMeasure.Kind.REQUEST_RATE;
            default -> {
                Matcher l = LATENCY.matcher(written);
                if (!l.matches()) {
                    throw m.error("expected " + MEASURES + ", got \"" + written + "\""
                            + Suggestions.didYouMean(written, List.of("errorRatio", "successRatio", "requestRate")));
                }
                kind = AnalysisMeasure.Kind.LATENCY;
                quantile = percentile(l.group(1));
                if (!(quantile > 0 && quantile <= 1)) {
                    throw m.error("expected a percentile above 0 and at most 100 (p50Ms, p99Ms, p99.9Ms), got \""
                            + written + "\"");
                }
                seconds = l.group(2).equals("Seconds");
            }
        }
        String of = AnalysisMeasure.CANARY;
        ScenarioNode ofNode = n.get("of");
        if (ofNode.isPresent()) {
            of = ofNode.nonEmptyText();
            if (of.startsWith(AnalysisMeasure.SERVICE_PREFIX)) {
                String service = of.substring(AnalysisMeasure.SERVICE_PREFIX.length());
                if (service.isEmpty()) {
                    throw ofNode.error("expected service/NAME with the name of a Service, got \"" + of + "\"");
                }
                WorkloadIndex.services(manifests).resolve(service, ofNode);
            } else if (!of.equals(AnalysisMeasure.CANARY) && !of.equals(AnalysisMeasure.STABLE)) {
                throw ofNode.error("expected canary, stable or service/NAME, got \"" + of + "\"");
            }
        }
        Long window = n.get("window").isPresent() ? n.get("window").positiveDuration() / 1_000_000L : null;
        if (window != null && window == 0) {
            throw n.get("window").error("expected a window of at least 1s, got " + n.get("window").scalarText());
        }
        return new AnalysisMeasure(key, kind, quantile, seconds, of, window);
    }

    /**
     * The quantile of a percentile: {@code 99} → 0.99, {@code 99.9} → 0.999, and {@code 999} (how
     * {@link AnalysisMeasure#written()} writes 99.9, without the dot) → 0.999; {@code 100} is the maximum.
     */
    private static double percentile(String digits) {
        if (!digits.contains(".") && digits.length() > 2 && new java.math.BigDecimal(digits).intValue() > 100) {
            digits = digits.substring(0, 2) + "." + digits.substring(2);
        }
        return new java.math.BigDecimal(digits).movePointLeft(2).doubleValue();
    }

    /** One warning per metric of a template a Rollout runs that the section does not map. */
    private static void unmapped(List<Manifest> manifests, List<Manifest.AnalysisTemplateManifest> templates,
                                 List<AnalysisMeasure> measures, Diagnostics diagnostics) {
        Set<String> mapped = new LinkedHashSet<>();
        measures.forEach(m -> mapped.add(m.metric()));
        Set<Manifest.AnalysisTemplateManifest> used = new LinkedHashSet<>();
        for (Manifest m : manifests) {
            if (m instanceof Manifest.RolloutManifest r) {
                for (RolloutAnalysis a : analyses(r.spec().strategy())) {
                    for (RolloutAnalysis.TemplateRef ref : a.templates()) {
                        String ns = ref.clusterScope() ? "" : r.namespace();
                        templates.stream().filter(t -> t.clusterScoped() == ref.clusterScope()
                                && t.namespace().equals(ns) && t.name().equals(ref.templateName()))
                                .forEach(used::add);
                    }
                }
            }
        }
        for (Manifest.AnalysisTemplateManifest t : used) {
            for (AnalysisMetric metric : t.metrics()) {
                if (mapped.contains(metric.name()) || mapped.contains(t.name() + "/" + metric.name())) {
                    continue;
                }
                String provider = metric.query().isEmpty() ? metric.provider() : metric.provider() + " query";
                diagnostics.warn(location(metric.position()), t.kind() + " \"" + t.name() + "\" metric \""
                        + metric.name() + "\" (" + provider + ") cannot be run by kubesim: map it in the scenario's "
                        + "analysis section to " + MEASURES + "; until then its measurements are Successful");
            }
        }
    }

    /** The analyses a Rollout runs: canary steps and background, blue-green pre and post promotion. */
    static List<RolloutAnalysis> analyses(RolloutStrategy s) {
        List<RolloutAnalysis> out = new ArrayList<>();
        if (s instanceof RolloutStrategy.Canary c) {
            for (CanaryStep step : c.steps()) {
                if (step instanceof CanaryStep.Analysis a) {
                    out.add(a.analysis());
                }
            }
            if (c.analysis() != null) {
                out.add(c.analysis());
            }
        } else if (s instanceof RolloutStrategy.BlueGreen b) {
            if (b.prePromotionAnalysis() != null) {
                out.add(b.prePromotionAnalysis());
            }
            if (b.postPromotionAnalysis() != null) {
                out.add(b.postPromotionAnalysis());
            }
        }
        return out;
    }

    /** {@code file:line:col} back into a location. */
    private static Location location(String position) {
        int c = position.lastIndexOf(':');
        int l = c <= 0 ? -1 : position.lastIndexOf(':', c - 1);
        try {
            return new Location(position.substring(0, l), Integer.parseInt(position.substring(l + 1, c)),
                    Integer.parseInt(position.substring(c + 1)));
        } catch (RuntimeException e) {
            return Location.ofFile(position);
        }
    }
}
