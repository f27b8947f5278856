/**
 * The HorizontalPodAutoscaler's arithmetic (k8s-semantics.md section 1): which pods count
 * ({@link io.kubesim.controllers.hpa.PodGrouping}), the replica proposal of one metric
 * ({@link io.kubesim.controllers.hpa.ReplicaCalculator}), several metrics combined
 * ({@link io.kubesim.controllers.hpa.MetricProposals}), and normalization of the proposal, either the
 * legacy path without {@code spec.behavior} ({@link io.kubesim.controllers.hpa.LegacyNormalizer}) or the
 * behavior path with stabilization windows and rate-limit policies
 * ({@link io.kubesim.controllers.hpa.BehaviorNormalizer}). Pure functions and small per-HPA logs; no
 * clock or store access, so each rule is tested on its own.
 */
package io.kubesim.controllers.hpa;
