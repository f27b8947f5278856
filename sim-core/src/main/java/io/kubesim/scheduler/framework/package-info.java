/**
 * The scheduling framework: one small interface per extension point
 * ({@link io.kubesim.scheduler.framework.PreFilterPlugin}, {@link io.kubesim.scheduler.framework.FilterPlugin},
 * {@link io.kubesim.scheduler.framework.PostFilterPlugin}, {@link io.kubesim.scheduler.framework.PreScorePlugin},
 * {@link io.kubesim.scheduler.framework.ScorePlugin} with NormalizeScore), the
 * {@link io.kubesim.scheduler.framework.Status} they return, the per-cycle
 * {@link io.kubesim.scheduler.framework.CycleState} with typed keys, and the cache's view of a node
 * ({@link io.kubesim.scheduler.framework.NodeInfo}) and of a pod ({@link io.kubesim.scheduler.framework.PodInfo}).
 *
 * <p>Plugins live in {@code io.kubesim.scheduler.plugins}; the scheduler in {@code io.kubesim.scheduler}
 * runs them in the default profile's order. Nothing here knows about the engine or the queue.
 */
package io.kubesim.scheduler.framework;
