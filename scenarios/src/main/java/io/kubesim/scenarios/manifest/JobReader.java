package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.kubesim.api.CronJobSpec;
import io.kubesim.api.JobSpec;
import io.kubesim.api.Manifest;
import io.kubesim.api.PodFailureRule;
import io.kubesim.api.PodTemplate;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicy;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyOnPodConditionsPattern;
import io.fabric8.kubernetes.api.model.batch.v1.PodFailurePolicyRule;
import java.util.ArrayList;
import io.kubesim.controllers.job.CronSchedule;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Reads Jobs and CronJobs (batch/v1; batch/v1beta1 CronJobs too) with the API defaults of
 * k8s-semantics.md 13.1 and 13.8, and the validation the API server applies: restartPolicy
 * Never or OnFailure, non-negative counts, completions required by an Indexed Job, a known
 * completionMode, podReplacementPolicy and concurrencyPolicy, a schedule robfig/cron parses, a
 * time zone the tz database knows.
 */
final class JobReader {
    private static final int MAX_INDEXED_COMPLETIONS = 100_000;
    private static final List<String> ACTIONS = List.of("FailJob", "Ignore", "Count", "FailIndex");
    /** The label by which Kueue admits a suspended Job (by unsuspending it). */
    private static final String KUEUE_QUEUE = "kueue.x-k8s.io/queue-name";

    private JobReader() {
    }

    static Manifest.JobManifest job(ObjectContext ctx, Job job, ObjectMetaReader.Meta meta) {
        if (job.getSpec() == null) {
            throw ctx.errorAtKey("", "a Job needs a spec with a pod template (spec.template)");
        }
        JobSpec spec = spec(ctx, "/spec", job.getSpec());
        if (spec.suspend() && meta.labels().containsKey(KUEUE_QUEUE)) {
            ctx.warn("/spec/suspend", "Job \"" + meta.name() + "\" is suspended for Kueue (label " + KUEUE_QUEUE
                    + "): kubesim does not run Kueue, so the Job stays suspended and creates no pod");
        }
        return new Manifest.JobManifest(meta.namespace(), meta.name(), meta.labels(), meta.annotations(), spec,
                ctx.origin());
    }

    static Manifest.CronJobManifest cronJob(ObjectContext ctx, CronJob cj, ObjectMetaReader.Meta meta) {
        var s = cj.getSpec();
        if (s == null) {
            throw ctx.errorAtKey("", "a CronJob needs a spec with schedule and jobTemplate");
        }
        if (s.getSchedule() == null || s.getSchedule().isEmpty()) {
            throw ctx.errorAtKey("/spec", "spec.schedule is required (e.g. \"0 * * * *\")");
        }
        try {
            CronSchedule.parse(s.getSchedule());
        } catch (CronSchedule.InvalidScheduleException e) {
            throw ctx.error("/spec/schedule", "invalid schedule \"" + s.getSchedule() + "\": " + e.getMessage());
        }
        String zone = s.getTimeZone();
        if (zone != null && !zone.isEmpty() && (zone.equalsIgnoreCase("Local")
                || !ZoneId.getAvailableZoneIds().contains(zone))) {
            throw ctx.error("/spec/timeZone", "unknown time zone \"" + zone + "\": expected an IANA name such as "
                    + "Etc/UTC or Europe/Berlin");
        }
        String policy = s.getConcurrencyPolicy();
        if (policy != null && !policy.isEmpty() && !List.of("Allow", "Forbid", "Replace").contains(policy)) {
            throw ctx.error("/spec/concurrencyPolicy", "expected Allow, Forbid or Replace, got \"" + policy + "\"");
        }
        Long deadline = s.getStartingDeadlineSeconds();
        if (deadline != null && deadline < 0) {
            throw ctx.error("/spec/startingDeadlineSeconds", "must be greater than or equal to 0, got " + deadline);
        }
        int keepSucceeded = nonNegative(ctx, "/spec/successfulJobsHistoryLimit", s.getSuccessfulJobsHistoryLimit(),
                CronJobSpec.DEFAULT_SUCCESSFUL_JOBS_HISTORY_LIMIT);
        int keepFailed = nonNegative(ctx, "/spec/failedJobsHistoryLimit", s.getFailedJobsHistoryLimit(),
                CronJobSpec.DEFAULT_FAILED_JOBS_HISTORY_LIMIT);
        var template = s.getJobTemplate();
        if (template == null || template.getSpec() == null) {
            throw ctx.errorAtKey("/spec", "spec.jobTemplate.spec is required");
        }
        var tm = template.getMetadata();
        Map<String, String> labels = tm == null || tm.getLabels() == null ? Map.of() : tm.getLabels();
        Map<String, String> annotations = tm == null || tm.getAnnotations() == null ? Map.of() : tm.getAnnotations();
        JobSpec job = spec(ctx, "/spec/jobTemplate/spec", template.getSpec());
        return new Manifest.CronJobManifest(meta.namespace(), meta.name(), meta.labels(), meta.annotations(),
                new CronJobSpec(s.getSchedule(), zone, policy, deadline, Boolean.TRUE.equals(s.getSuspend()),
                        keepSucceeded, keepFailed, labels, annotations, job), ctx.origin());
    }

    /** A Job spec at {@code pointer}, defaulted (13.1) and validated. */
    private static JobSpec spec(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.batch.v1.JobSpec s) {
        var raw = s.getTemplate();
        String restart = raw == null || raw.getSpec() == null ? null : raw.getSpec().getRestartPolicy();
        PodTemplate template = PodSpecReader.template(ctx, pointer + "/template", raw);
        if (restart == null || restart.isEmpty()) {
            throw ctx.errorAtKey(pointer + "/template/spec", "spec.template.spec.restartPolicy is required for a Job: "
                    + "valid values: \"OnFailure\", \"Never\"");
        }
        if (!restart.equals("OnFailure") && !restart.equals("Never")) {
            throw ctx.error(pointer + "/template/spec/restartPolicy", "unsupported value \"" + restart
                    + "\" for a Job: supported values: \"OnFailure\", \"Never\"");
        }
        Integer parallelism = s.getParallelism();
        Integer completions = s.getCompletions();
        if (parallelism != null && parallelism < 0) {
            throw ctx.error(pointer + "/parallelism", "must be greater than or equal to 0, got " + parallelism);
        }
        if (completions != null && completions < 0) {
            throw ctx.error(pointer + "/completions", "must be greater than or equal to 0, got " + completions);
        }
        // SetDefaults_Job: both unset → 1 and 1; only parallelism unset → 1; only completions unset → nil
        if (parallelism == null && completions == null) {
            completions = 1;
        }
        int par = parallelism == null ? 1 : parallelism;
        String mode = s.getCompletionMode();
        if (mode != null && !mode.isEmpty() && !mode.equals("NonIndexed") && !mode.equals("Indexed")) {
            throw ctx.error(pointer + "/completionMode", "expected NonIndexed or Indexed, got \"" + mode + "\"");
        }
        boolean indexed = "Indexed".equals(mode);
        if (indexed && completions == null) {
            throw ctx.errorAtKey(pointer, "completions is required when completionMode is Indexed");
        }
        if (indexed && completions > MAX_INDEXED_COMPLETIONS) {
            throw ctx.error(pointer + "/completions", "must be less than or equal to " + MAX_INDEXED_COMPLETIONS
                    + " when completionMode is Indexed, got " + completions);
        }
        Integer backoff = s.getBackoffLimit();
        if (backoff != null && backoff < 0) {
            throw ctx.error(pointer + "/backoffLimit", "must be greater than or equal to 0, got " + backoff);
        }
        int backoffLimit = backoff != null ? backoff
                : s.getBackoffLimitPerIndex() != null ? Integer.MAX_VALUE : JobSpec.DEFAULT_BACKOFF_LIMIT;
        Long deadline = s.getActiveDeadlineSeconds();
        if (deadline != null && deadline <= 0) {
            throw ctx.error(pointer + "/activeDeadlineSeconds", "must be greater than or equal to 1, got " + deadline);
        }
        Integer ttl = s.getTtlSecondsAfterFinished();
        if (ttl != null && ttl < 0) {
            throw ctx.error(pointer + "/ttlSecondsAfterFinished", "must be greater than or equal to 0, got " + ttl);
        }
        boolean hasFailurePolicy = s.getPodFailurePolicy() != null;
        String replacement = s.getPodReplacementPolicy();
        if (replacement != null && !replacement.isEmpty() && !replacement.equals("TerminatingOrFailed")
                && !replacement.equals("Failed")) {
            throw ctx.error(pointer + "/podReplacementPolicy", "expected TerminatingOrFailed or Failed, got \""
                    + replacement + "\"");
        }
        if (hasFailurePolicy && "TerminatingOrFailed".equals(replacement)) {
            throw ctx.error(pointer + "/podReplacementPolicy", "must be Failed when podFailurePolicy is set");
        }
        boolean onlyFailed = replacement == null || replacement.isEmpty() ? hasFailurePolicy : replacement.equals("Failed");
        List<PodFailureRule> rules = hasFailurePolicy ? podFailurePolicy(ctx, pointer + "/podFailurePolicy",
                s.getPodFailurePolicy(), restart, s.getBackoffLimitPerIndex() != null) : List.of();
        return new JobSpec(par, completions, indexed, backoffLimit, deadline, ttl == null ? null : ttl.longValue(),
                Boolean.TRUE.equals(s.getSuspend()), onlyFailed, template, rules);
    }

    /** podFailurePolicy (13.5) with ValidateJobSpec's checks on its rules. */
    private static List<PodFailureRule> podFailurePolicy(ObjectContext ctx, String pointer, PodFailurePolicy p,
                                                         String restartPolicy, boolean perIndex) {
        if (!restartPolicy.equals("Never")) {
            throw ctx.errorAtKey(pointer, "only restartPolicy \"Never\" is supported when podFailurePolicy is "
                    + "specified, got \"" + restartPolicy + "\"");
        }
        List<PodFailureRule> out = new ArrayList<>();
        List<PodFailurePolicyRule> rules = p.getRules() == null ? List.of() : p.getRules();
        for (int i = 0; i < rules.size(); i++) {
            PodFailurePolicyRule r = rules.get(i);
            String at = pointer + "/rules/" + i;
            String action = r.getAction();
            if (!ACTIONS.contains(action)) {
                throw ctx.errorAtKey(at, "action: expected one of " + String.join(", ", ACTIONS) + ", got "
                        + (action == null ? "none" : "\"" + action + "\""));
            }
            if (action.equals("FailIndex") && !perIndex) {
                throw ctx.error(at + "/action", "the FailIndex action requires backoffLimitPerIndex");
            }
            var codes = r.getOnExitCodes();
            var conditions = r.getOnPodConditions() == null ? List.<PodFailurePolicyOnPodConditionsPattern>of()
                    : r.getOnPodConditions();
            if (codes != null && !conditions.isEmpty()) {
                throw ctx.errorAtKey(at, "specifying both onExitCodes and onPodConditions is not supported");
            }
            if (codes == null && conditions.isEmpty()) {
                throw ctx.errorAtKey(at, "specifying one of onExitCodes and onPodConditions is required");
            }
            if (codes != null) {
                String op = codes.getOperator();
                if (!"In".equals(op) && !"NotIn".equals(op)) {
                    throw ctx.errorAtKey(at + "/onExitCodes", "operator: expected In or NotIn, got "
                            + (op == null ? "none" : "\"" + op + "\""));
                }
                List<Integer> values = codes.getValues() == null ? List.of() : codes.getValues();
                if (values.isEmpty()) {
                    throw ctx.errorAtKey(at + "/onExitCodes", "values: at least one exit code is required");
                }
                if (op.equals("In") && values.contains(0)) {
                    throw ctx.error(at + "/onExitCodes/values", "must not be 0 for the In operator");
                }
                out.add(new PodFailureRule(action, codes.getContainerName(), op, values, Map.of()));
            } else {
                Map<String, String> patterns = new java.util.TreeMap<>();
                for (int j = 0; j < conditions.size(); j++) {
                    var c = conditions.get(j);
                    String status = c.getStatus() == null || c.getStatus().isEmpty() ? "True" : c.getStatus();
                    if (!List.of("True", "False", "Unknown").contains(status)) {
                        throw ctx.error(at + "/onPodConditions/" + j + "/status", "expected True, False or Unknown, got \""
                                + status + "\"");
                    }
                    patterns.put(c.getType() == null ? "" : c.getType(), status);
                }
                out.add(new PodFailureRule(action, "", "", List.of(), patterns));
            }
        }
        return out;
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
