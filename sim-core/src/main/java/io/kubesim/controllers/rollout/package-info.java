/**
 * The Argo Rollouts controller (argoproj.io/v1alpha1 Rollout; k8s-semantics.md 20): canary steps
 * with replica-ratio or router weights, blue-green Service switching, pauses, abort and retry, and
 * AnalysisRuns judged on kubesim's own metrics.
 */
package io.kubesim.controllers.rollout;
