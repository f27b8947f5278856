package io.kubesim.scenarios.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubesim.api.CanaryStep;
import io.kubesim.api.IntOrPercent;
import io.kubesim.api.LabelSelector;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodTemplate;
import io.kubesim.api.RolloutAnalysis;
import io.kubesim.api.RolloutSpec;
import io.kubesim.api.RolloutStrategy;
import io.kubesim.scenarios.Durations;
import io.kubesim.scenarios.InputException;
import io.kubesim.scenarios.Location;
import io.kubesim.scenarios.manifest.argo.RolloutResource;
import io.kubesim.scenarios.yaml.Pointers;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads an Argo Rollout (k8s-semantics.md 20) with the defaults of 20.1 and the validation of
 * Argo's {@code pkg/apis/rollouts/validation}. The CRD's schema refuses wrong types and missing
 * required fields (those are errors, as {@code kubectl apply} fails); everything else the API
 * server stores, and the Argo controller only marks the Rollout {@code InvalidSpec} and runs no
 * pods. Such a Rollout is one warning quoting Argo's message, and is left out ({@code null}).
 */
final class RolloutReader {
    /** The routers of {@code canary.trafficRouting}, as Argo names them. */
    static final List<String> ROUTERS = List.of("istio", "nginx", "alb", "smi", "ambassador", "appMesh", "traefik",
            "apisix", "plugins");
    private static final Pattern PERCENT = Pattern.compile("(\\d+)%");
    private static final String CANARY = "/spec/strategy/canary";
    private static final String BLUE_GREEN = "/spec/strategy/blueGreen";

    /** What Argo's validation reports: a field path (Go style), the value, and its message. */
    static final class InvalidSpec extends RuntimeException {
        final String pointer;
        final Location at;

        InvalidSpec(String pointer, String argoMessage) {
            this(pointer, null, argoMessage);
        }

        InvalidSpec(String pointer, Location at, String argoMessage) {
            super(argoMessage, null, false, false);
            this.pointer = pointer;
            this.at = at;
        }

        static InvalidSpec invalid(String pointer, Object value, String message) {
            return new InvalidSpec(pointer, Pointers.toPath(pointer) + ": Invalid value: " + value + ": " + message);
        }

        static InvalidSpec required(String pointer, String message) {
            return new InvalidSpec(pointer, Pointers.toPath(pointer) + ": Required value: " + message);
        }
    }

    private final ObjectContext ctx;
    private final String name;
    /** Warnings about a Rollout that is read, given only when it is not left out. */
    private final List<Map.Entry<String, String>> pending = new ArrayList<>();

    private RolloutReader(ObjectContext ctx, String name) {
        this.ctx = ctx;
        this.name = name;
    }

    /** The Rollout, or null (with one warning) when Argo would mark it InvalidSpec. */
    static Manifest.RolloutManifest read(ObjectContext ctx, RolloutResource r, ObjectMetaReader.Meta meta) {
        RolloutReader reader = new RolloutReader(ctx, meta.name());
        try {
            RolloutSpec spec = reader.spec(r.getSpec());
            reader.pending.forEach(w -> ctx.warn(w.getKey(), w.getValue()));
            return new Manifest.RolloutManifest(meta.namespace(), meta.name(), meta.labels(), meta.annotations(), spec,
                    ctx.origin());
        } catch (InvalidSpec e) {
            Location at = e.at != null ? e.at : ctx.keyLocation(presentAncestor(ctx, e.pointer));
            ctx.warnAt(at, invalidSpecMessage(meta.name(), e.getMessage()));
            return null;
        }
    }

    /** The field itself, or for a missing one the nearest field that is written (its parent, ...). */
    private static String presentAncestor(ObjectContext ctx, String pointer) {
        String p = pointer;
        while (!p.isEmpty() && ctx.node(p).isMissingNode()) {
            p = Pointers.parent(p);
        }
        return p;
    }

    /** The warning for a Rollout Argo marks InvalidSpec. */
    static String invalidSpecMessage(String rollout, String argoMessage) {
        return "Rollout \"" + rollout + "\" has an invalid spec (" + argoMessage
                + "): Argo Rollouts marks it InvalidSpec and runs no pods; kubesim leaves it out";
    }

    private void warn(String pointer, String message) {
        pending.add(Map.entry(pointer, message));
    }

    private RolloutSpec spec(RolloutResource.Spec s) {
        if (s == null) {
            throw ctx.errorAtKey("", "a Rollout needs a spec (the Rollout CRD's schema requires it)");
        }
        int replicas = s.replicas() == null ? 1 : s.replicas();
        if (replicas < 0) {
            throw InvalidSpec.invalid("/spec/replicas", replicas, "must be greater than or equal to 0");
        }
        RolloutSpec.WorkloadRef ref = workloadRef(s.workloadRef());
        LabelSelector selector = null;
        if (ref == null) {
            if (s.selector() == null) {
                throw InvalidSpec.required("/spec/selector", "Rollout has missing field '.spec.selector'");
            }
            selector = selector(s);
        }
        boolean emptyTemplate = s.template() == null || s.template().getMetadata() == null
                || (isEmpty(s.template().getMetadata().getLabels())
                && isEmpty(s.template().getMetadata().getAnnotations()));
        if (ref != null && !emptyTemplate) {
            throw new InvalidSpec("/spec/template",
                    "spec.template: Internal error: template must be empty for workload reference rollout");
        }
        PodTemplate template = null;
        if (ref == null) {
            template = template(s);
            if (!selector.matches(template.labels())) {
                throw InvalidSpec.invalid("/spec/template/metadata/labels", goMap(template.labels()),
                        "`selector` does not match template `labels`");
            }
        }
        int minReady = nonNegative("/spec/minReadySeconds", s.minReadySeconds(), 0);
        int history = nonNegative("/spec/revisionHistoryLimit", s.revisionHistoryLimit(),
                RolloutSpec.DEFAULT_REVISION_HISTORY_LIMIT);
        int deadline = nonNegative("/spec/progressDeadlineSeconds", s.progressDeadlineSeconds(),
                RolloutSpec.DEFAULT_PROGRESS_DEADLINE_SECONDS);
        if (deadline <= minReady) {
            // Located at the deadline when written, else at the minReadySeconds that reaches the default.
            InvalidSpec e = InvalidSpec.invalid("/spec/progressDeadlineSeconds", deadline,
                    "must be greater than minReadySeconds");
            throw s.progressDeadlineSeconds() != null ? e
                    : new InvalidSpec("/spec/minReadySeconds", e.getMessage());
        }
        RolloutStrategy strategy = strategy(s.strategy(), history);
        return new RolloutSpec(s.replicas(), selector, template, ref, minReady, history, deadline,
                Boolean.TRUE.equals(s.progressDeadlineAbort()), Boolean.TRUE.equals(s.paused()), strategy);
    }

    private LabelSelector selector(RolloutResource.Spec s) {
        LabelSelector selector;
        try {
            selector = SelectorReader.labelSelector(ctx, "/spec/selector", s.selector());
        } catch (InputException e) {
            throw new InvalidSpec("/spec/selector", e.location(), "spec.selector: Invalid value: " + e.detail());
        }
        if (selector == null || selector.isEmpty()) {
            throw InvalidSpec.invalid("/spec/selector", "{}", "empty selector is invalid for deployment");
        }
        return selector;
    }

    private PodTemplate template(RolloutResource.Spec s) {
        try {
            if (s.template() == null) {
                throw InvalidSpec.required("/spec/template/spec/containers", "Required value");
            }
            return PodSpecReader.template(ctx, "/spec/template", s.template());
        } catch (InputException e) {
            throw new InvalidSpec("/spec/template", e.location(), "spec.template: " + e.detail());
        }
    }

    private RolloutSpec.WorkloadRef workloadRef(RolloutResource.ObjectRef ref) {
        if (ref == null) {
            return null;
        }
        String kind = ref.kind() == null ? "" : ref.kind();
        String apiVersion = ref.apiVersion() == null ? "" : ref.apiVersion();
        if (!kind.equals("Deployment") || !(apiVersion.isEmpty() || apiVersion.equals("apps/v1"))) {
            throw InvalidSpec.invalid("/spec/workloadRef", "{" + apiVersion + " " + kind + " " + ref.name() + "}",
                    "workload of type " + (apiVersion.isEmpty() ? "" : apiVersion + "/") + kind
                            + " is not supported (Argo Rollouts reads only an apps/v1 Deployment)");
        }
        if (ref.name() == null || ref.name().isEmpty()) {
            throw InvalidSpec.required("/spec/workloadRef/name", "workloadRef needs the name of a Deployment");
        }
        String scaleDown = ref.scaleDown() == null || ref.scaleDown().isEmpty() ? RolloutSpec.WorkloadRef.NEVER
                : ref.scaleDown();
        if (!Set.of(RolloutSpec.WorkloadRef.NEVER, RolloutSpec.WorkloadRef.ON_SUCCESS,
                RolloutSpec.WorkloadRef.PROGRESSIVELY).contains(scaleDown)) {
            warn("/spec/workloadRef/scaleDown", "Rollout \"" + name + "\": workloadRef.scaleDown \"" + scaleDown
                    + "\" is not one of never, onsuccess, progressively; Argo Rollouts then leaves the Deployment "
                    + "as it is (never)");
            scaleDown = RolloutSpec.WorkloadRef.NEVER;
        }
        return new RolloutSpec.WorkloadRef(kind, ref.name(), scaleDown);
    }

    private RolloutStrategy strategy(RolloutResource.Strategy s, int history) {
        if (s == null || (s.blueGreen() == null && s.canary() == null)) {
            throw InvalidSpec.required("/spec/strategy",
                    "Rollout has missing field '.spec.strategy.canary or .spec.strategy.blueGreen'");
        }
        if (s.blueGreen() != null && s.canary() != null) {
            throw InvalidSpec.invalid("/spec/strategy", "\"blueGreen: true canary: true\"",
                    "Multiple Strategies can not be listed");
        }
        return s.blueGreen() != null ? blueGreen(s.blueGreen(), history) : canary(s.canary());
    }

    private RolloutStrategy.BlueGreen blueGreen(RolloutResource.BlueGreen b, int history) {
        if (b.activeService() == null) {
            // The CRD lists activeService as required: the API server refuses the object.
            throw ctx.errorAtKey(BLUE_GREEN, "spec.strategy.blueGreen.activeService is required (the Rollout CRD's "
                    + "schema refuses a blueGreen strategy without it)");
        }
        String preview = b.previewService() == null ? "" : b.previewService();
        if (b.activeService().equals(preview)) {
            throw InvalidSpec.invalid(BLUE_GREEN + "/activeService", "\"" + b.activeService() + "\"",
                    "This rollout uses the same service for the active and preview services, but two different "
                            + "services are required.");
        }
        if (b.scaleDownDelayRevisionLimit() != null && history < b.scaleDownDelayRevisionLimit()) {
            throw InvalidSpec.invalid(BLUE_GREEN + "/scaleDownDelayRevisionLimit", b.scaleDownDelayRevisionLimit(),
                    "This rollout's revision history limit can not be smaller than the rollout's scale down limit");
        }
        antiAffinity(BLUE_GREEN + "/antiAffinity", b.antiAffinity());
        if (b.maxUnavailable() != null) {
            intOrPercent(BLUE_GREEN + "/maxUnavailable", b.maxUnavailable());
        }
        return new RolloutStrategy.BlueGreen(b.activeService(), preview.isEmpty() ? null : preview,
                b.autoPromotionEnabled() == null || b.autoPromotionEnabled(),
                b.autoPromotionSeconds() == null ? 0 : b.autoPromotionSeconds(), b.previewReplicaCount(),
                b.scaleDownDelaySeconds() == null ? RolloutStrategy.DEFAULT_SCALE_DOWN_DELAY_SECONDS
                        : b.scaleDownDelaySeconds(),
                b.abortScaleDownDelaySeconds() == null ? RolloutStrategy.DEFAULT_SCALE_DOWN_DELAY_SECONDS
                        : b.abortScaleDownDelaySeconds(),
                b.scaleDownDelayRevisionLimit(),
                analysis(BLUE_GREEN + "/prePromotionAnalysis", b.prePromotionAnalysis(), 0),
                analysis(BLUE_GREEN + "/postPromotionAnalysis", b.postPromotionAnalysis(), 0));
    }

    private RolloutStrategy.Canary canary(RolloutResource.Canary c) {
        IntOrPercent surge = c.maxSurge() == null ? RolloutStrategy.Canary.DEFAULT_MAX_SURGE
                : intOrPercent(CANARY + "/maxSurge", c.maxSurge());
        IntOrPercent unavailable = c.maxUnavailable() == null ? RolloutStrategy.Canary.DEFAULT_MAX_UNAVAILABLE
                : intOrPercent(CANARY + "/maxUnavailable", c.maxUnavailable());
        if (surge.value() == 0 && unavailable.value() == 0) {
            throw InvalidSpec.invalid(CANARY + "/maxSurge", surge, "MaxSurge and MaxUnavailable both can not be zero");
        }
        String canaryService = c.canaryService() == null ? "" : c.canaryService();
        String stableService = c.stableService() == null ? "" : c.stableService();
        if (!canaryService.isEmpty() && canaryService.equals(stableService)) {
            throw InvalidSpec.invalid(CANARY + "/stableService", "\"" + stableService + "\"",
                    "This rollout uses the same service for the stable and canary services, but two different "
                            + "services are required.");
        }
        RolloutResource.TrafficRouting tr = c.trafficRouting();
        pingPong(c, tr);
        if (requireCanaryStableServices(c, tr)) {
            if (stableService.isEmpty()) {
                throw InvalidSpec.invalid(CANARY + "/stableService", "\"\"",
                        "Canary service and Stable service must to be set to use Traffic Routing");
            }
            if (canaryService.isEmpty()) {
                throw InvalidSpec.invalid(CANARY + "/canaryService", "\"\"",
                        "Canary service and Stable service must to be set to use Traffic Routing");
            }
        }
        boolean dynamic = Boolean.TRUE.equals(c.dynamicStableScale());
        if (tr == null) {
            if (c.scaleDownDelaySeconds() != null) {
                throw InvalidSpec.invalid(CANARY + "/scaleDownDelaySeconds", c.scaleDownDelaySeconds(),
                        "Canary scaleDownDelaySeconds can only be used with traffic routing");
            }
            if (dynamic) {
                throw InvalidSpec.invalid(CANARY + "/dynamicStableScale", true,
                        "Canary dynamicStableScale can only be used with traffic routing");
            }
        } else {
            if (c.scaleDownDelaySeconds() != null && dynamic) {
                throw InvalidSpec.invalid(CANARY + "/dynamicStableScale", true,
                        "Canary dynamicStableScale cannot be used with scaleDownDelaySeconds");
            }
            if (tr.maxTrafficWeight() != null && !present(tr.nginx()) && isEmpty(tr.plugins())) {
                throw InvalidSpec.invalid(CANARY + "/trafficRouting/maxTrafficWeight", tr.maxTrafficWeight(),
                        "Canary maxTrafficWeight in traffic routing only supported in Nginx and Plugins");
            }
        }
        int maxWeight = tr != null && tr.maxTrafficWeight() != null ? tr.maxTrafficWeight() : 100;
        List<CanaryStep> steps = new ArrayList<>();
        List<RolloutResource.Step> written = c.steps() == null ? List.of() : c.steps();
        for (int i = 0; i < written.size(); i++) {
            steps.add(step(CANARY + "/steps/" + i, written.get(i), tr, maxWeight));
        }
        antiAffinity(CANARY + "/antiAffinity", c.antiAffinity());
        RolloutResource.BackgroundAnalysis bg = c.analysis();
        RolloutAnalysis background = bg == null ? null
                : analysis(CANARY + "/analysis", bg.analysis(), bg.startingStep() == null ? 0 : bg.startingStep());
        return new RolloutStrategy.Canary(steps, surge, unavailable, canaryService.isEmpty() ? null : canaryService,
                stableService.isEmpty() ? null : stableService, trafficRouting(tr), c.scaleDownDelaySeconds(),
                c.abortScaleDownDelaySeconds(), dynamic, c.minPodsPerReplicaSet(), background);
    }

    private void pingPong(RolloutResource.Canary c, RolloutResource.TrafficRouting tr) {
        RolloutResource.PingPong p = c.pingPong();
        if (p == null) {
            return;
        }
        if (tr != null && !present(tr.alb()) && !present(tr.istio()) && isEmpty(tr.plugins())) {
            throw InvalidSpec.invalid(CANARY + "/trafficRouting", "nil",
                    "Ping-pong feature works with the ALB, Istio, and plugin-based traffic routers only");
        }
        String ping = p.pingService() == null ? "" : p.pingService();
        String pong = p.pongService() == null ? "" : p.pongService();
        if (ping.isEmpty() || pong.isEmpty()) {
            throw InvalidSpec.invalid(CANARY + "/pingPong", "\"\"",
                    "Ping service and Pong service must to be set to use Ping-Pong feature");
        }
        if (ping.equals(pong)) {
            throw InvalidSpec.invalid(CANARY + "/pingPong/pingService", "\"" + ping + "\"",
                    "This rollout uses the same service for the ping and pong services, but two different services "
                            + "are required.");
        }
        if (tr != null && present(tr.alb()) && tr.alb().path("rootService").asText("").isEmpty()) {
            throw InvalidSpec.invalid(CANARY + "/trafficRouting/alb", "\"\"",
                    "Root service field is required for the configuration with ALB and ping-pong feature enabled");
        }
    }

    /** Argo's requireCanaryStableServices: which routers need both Services. */
    private static boolean requireCanaryStableServices(RolloutResource.Canary c, RolloutResource.TrafficRouting tr) {
        if (tr == null) {
            return false;
        }
        return (present(tr.alb()) && c.pingPong() == null)
                || (present(tr.istio()) && !present(tr.istio().get("destinationRule")) && c.pingPong() == null)
                || present(tr.smi()) || present(tr.apisix()) || present(tr.ambassador()) || present(tr.nginx())
                || present(tr.appMesh()) || present(tr.traefik());
    }

    private RolloutStrategy.TrafficRouting trafficRouting(RolloutResource.TrafficRouting tr) {
        if (tr == null) {
            return null;
        }
        List<String> routers = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = ctx.node(CANARY + "/trafficRouting").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (ROUTERS.contains(e.getKey()) && present(e.getValue())) {
                routers.add(e.getKey());
            }
        }
        if (routers.isEmpty()) {
            warn(CANARY + "/trafficRouting", "Rollout \"" + name + "\": trafficRouting names no router (one of "
                    + String.join(", ", ROUTERS) + "): kubesim runs it as a basic canary, weights by pod counts");
            return null;
        }
        if (routers.size() > 1) {
            warn(CANARY + "/trafficRouting/" + routers.get(1), "Rollout \"" + name + "\": trafficRouting names "
                    + routers.size() + " routers (" + String.join(", ", routers) + "); kubesim routes with the first, "
                    + routers.get(0) + ", and ignores the others");
        }
        return new RolloutStrategy.TrafficRouting(routers.get(0));
    }

    private CanaryStep step(String p, RolloutResource.Step s, RolloutResource.TrafficRouting tr, int maxWeight) {
        int set = 0;
        for (Object f : new Object[] {s.setWeight(), s.pause(), jsonOrNull(s.experiment()), s.analysis()}) {
            set += f == null ? 0 : 1;
        }
        if (set > 1) {
            throw InvalidSpec.invalid(p, "\"step.Experiment: " + present(s.experiment()) + " step.Pause: "
                    + (s.pause() != null) + " step.SetWeight: " + (s.setWeight() != null) + " step.Analysis: "
                    + (s.analysis() != null) + "\"",
                    "Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause");
        }
        boolean any = set > 0 || s.setCanaryScale() != null || present(s.setHeaderRoute())
                || present(s.setMirrorRoute()) || present(s.plugin());
        if (!any) {
            throw InvalidSpec.invalid(p, "{}",
                    "Step must have one of the following set: experiment, setWeight, setCanaryScale, plugin or pause");
        }
        if (s.setWeight() != null && (s.setWeight() < 0 || s.setWeight() > maxWeight)) {
            throw InvalidSpec.invalid(p + "/setWeight", s.setWeight(), "SetWeight needs to be between 0 and " + maxWeight);
        }
        if (s.setCanaryScale() != null && tr == null) {
            throw InvalidSpec.required(CANARY + "/trafficRouting", "SetCanaryScale requires TrafficRouting to be set");
        }
        if (present(s.setHeaderRoute()) && (tr == null || (!present(tr.istio()) && !present(tr.alb())
                && !present(tr.apisix()) && isEmpty(tr.plugins())))) {
            throw InvalidSpec.invalid(p + "/setHeaderRoute", "{...}",
                    "SetHeaderRoute requires TrafficRouting, supports Istio and ALB and Apisix");
        }
        if (present(s.setMirrorRoute()) && (tr == null || (!present(tr.istio()) && isEmpty(tr.plugins())))) {
            throw InvalidSpec.invalid(p + "/setMirrorRoute", "{...}",
                    "SetMirrorRoute requires TrafficRouting, supports Istio and Plugins");
        }
        if ((present(s.setHeaderRoute()) || present(s.setMirrorRoute())) && tr.managedRoutes() == null) {
            throw InvalidSpec.required(CANARY + "/trafficRouting/managedRoutes",
                    "Rollout has missing field 'spec.strategy.canary.trafficRouting.managedRoutes'");
        }
        if (s.setWeight() != null) {
            return new CanaryStep.SetWeight(s.setWeight());
        }
        if (s.pause() != null) {
            return pause(p + "/pause/duration", s.pause().duration());
        }
        if (s.analysis() != null) {
            return new CanaryStep.Analysis(analysis(p + "/analysis", s.analysis(), 0));
        }
        if (s.setCanaryScale() != null) {
            RolloutResource.SetCanaryScale sc = s.setCanaryScale();
            return new CanaryStep.SetCanaryScale(sc.replicas(), sc.weight(), Boolean.TRUE.equals(sc.matchTrafficWeight()));
        }
        String kind = present(s.experiment()) ? "experiment" : present(s.setHeaderRoute()) ? "setHeaderRoute"
                : present(s.setMirrorRoute()) ? "setMirrorRoute" : "plugin";
        warn(p + "/" + kind, "Rollout \"" + name + "\": step " + Pointers.toPath(p) + " (" + kind
                + ") is not simulated: kubesim completes it at once");
        return new CanaryStep.Unmodelled(kind);
    }

    /**
     * {@code pause.duration} as Argo's RolloutPause.DurationSeconds reads it: an integer is
     * seconds; a string is an integer of seconds, else a Go duration (whole seconds, truncated).
     */
    private static CanaryStep.Pause pause(String p, IntOrString d) {
        if (d == null) {
            return new CanaryStep.Pause(null, "");
        }
        long seconds;
        String written;
        if (d.getIntVal() != null) {
            seconds = d.getIntVal();
            written = String.valueOf(d.getIntVal());
        } else {
            written = d.getStrVal() == null ? "" : d.getStrVal();
            seconds = goDurationSeconds(written);
        }
        if (seconds < 0) {
            throw InvalidSpec.invalid(p, seconds, "Duration needs to be greater than 0");
        }
        return new CanaryStep.Pause(seconds, written);
    }

    /** A Go duration's whole seconds, an integer string's value, or -1 when neither (as Argo reads it). */
    static long goDurationSeconds(String s) {
        try {
            return Integer.parseInt(s);
        } catch (NumberFormatException e) {
            // not an integer: a duration
        }
        try {
            return Durations.parseMicros(s) / 1_000_000L;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    private RolloutAnalysis analysis(String p, RolloutResource.Analysis a, int startingStep) {
        if (a == null) {
            return null;
        }
        List<RolloutAnalysis.TemplateRef> refs = new ArrayList<>();
        List<RolloutResource.TemplateRef> templates = a.templates() == null ? List.of() : a.templates();
        for (int i = 0; i < templates.size(); i++) {
            RolloutResource.TemplateRef t = templates.get(i);
            if (t.templateName() == null || t.templateName().isEmpty()) {
                throw ctx.errorAtKey(p + "/templates/" + i, Pointers.toPath(p + "/templates/" + i)
                        + ".templateName is required (the Rollout CRD's schema refuses a template reference without it)");
            }
            refs.add(new RolloutAnalysis.TemplateRef(t.templateName(), Boolean.TRUE.equals(t.clusterScope())));
        }
        Map<String, String> args = new LinkedHashMap<>();
        List<RolloutResource.Argument> written = a.args() == null ? List.of() : a.args();
        for (int i = 0; i < written.size(); i++) {
            RolloutResource.Argument arg = written.get(i);
            if (arg.name() == null || arg.name().isEmpty()) {
                throw ctx.errorAtKey(p + "/args/" + i, Pointers.toPath(p + "/args/" + i)
                        + ".name is required (the Rollout CRD's schema refuses an argument without it)");
            }
            if (arg.value() != null) {
                args.put(arg.name(), arg.value());
            }
        }
        return new RolloutAnalysis(refs, args, startingStep);
    }

    private static void antiAffinity(String p, RolloutResource.AntiAffinity a) {
        if (a == null) {
            return;
        }
        boolean preferred = a.preferredDuringSchedulingIgnoredDuringExecution() != null;
        boolean required = present(a.requiredDuringSchedulingIgnoredDuringExecution());
        if (preferred == required) {
            throw InvalidSpec.invalid(p, "\"antiAffinity.PreferredDuringSchedulingIgnoredDuringExecution: " + preferred
                    + " antiAffinity.RequiredDuringSchedulingIgnoredDuringExecution: " + required + "\"",
                    "AntiAffinity must have exactly one strategy listed");
        }
        Integer w = preferred ? a.preferredDuringSchedulingIgnoredDuringExecution().weight() : null;
        if (preferred && (w == null || w < 1 || w > 100)) {
            throw InvalidSpec.invalid(p + "/weight", w == null ? 0 : w, "AntiAffinity weight must be between 1-100");
        }
    }

    /** maxSurge / maxUnavailable: an integer, or a whole percentage such as "25%". */
    private static IntOrPercent intOrPercent(String p, IntOrString v) {
        if (v.getIntVal() != null) {
            return IntOrPercent.ofInt(Math.max(0, v.getIntVal()));
        }
        String s = v.getStrVal() == null ? "" : v.getStrVal();
        Matcher m = PERCENT.matcher(s);
        if (!m.matches()) {
            try {
                return IntOrPercent.ofInt(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw InvalidSpec.invalid(p, "\"" + s + "\"", "must be an integer or a percentage such as 25%");
            }
        }
        return IntOrPercent.ofPercent(Integer.parseInt(m.group(1)));
    }

    private int nonNegative(String p, Integer v, int dflt) {
        if (v == null) {
            return dflt;
        }
        if (v < 0) {
            throw InvalidSpec.invalid(p, v, "must be greater than or equal to 0");
        }
        return v;
    }

    private static String goMap(Map<String, String> m) {
        StringBuilder sb = new StringBuilder("map[");
        m.forEach((k, v) -> sb.append(sb.length() > 4 ? " " : "").append(k).append(':').append(v));
        return sb.append(']').toString();
    }

    static boolean present(JsonNode n) {
        return n != null && !n.isNull() && !n.isMissingNode();
    }

    private static Object jsonOrNull(JsonNode n) {
        return present(n) ? n : null;
    }

    private static boolean isEmpty(Map<?, ?> m) {
        return m == null || m.isEmpty();
    }
}
