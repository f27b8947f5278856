/**
 * The batch controllers (k8s-semantics.md 13): {@link io.kubesim.controllers.job.JobController}
 * runs each Job's pods to its completions (with {@link io.kubesim.controllers.job.PodFailureBackoff}
 * between failures and the rules of {@link io.kubesim.controllers.job.PodFailurePolicy}),
 * {@link io.kubesim.controllers.job.TtlAfterFinishedController} deletes finished Jobs after their
 * TTL, and {@link io.kubesim.controllers.job.CronJobController} creates Jobs at the times a
 * {@link io.kubesim.controllers.job.CronSchedule} gives, in the CronJob's time zone, virtual time 0
 * being the scenario's wall-clock start. They meet in the store: the CronJob controller creates a
 * Job, the Job controller its pods, the kubelet runs them to Succeeded or Failed (the scenario's
 * {@code runTime}), and the Job controller counts them. {@link io.kubesim.controllers.job.BatchStats}
 * is what a run reports of them.
 */
package io.kubesim.controllers.job;
