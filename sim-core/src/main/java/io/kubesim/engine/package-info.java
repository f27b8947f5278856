/**
 * The discrete-event kernel: a virtual clock in microseconds, an event queue ordered by
 * (time, priority, sequence) so that equal-time events always run in the same order, the run
 * loop, and named random streams derived from the scenario seed.
 *
 * <p>The engine knows nothing about Kubernetes. Components schedule typed actions
 * ({@code sim.schedule(SimTime.seconds(10), () -> kubelet.probe(pod))}) and keep the returned
 * {@link io.kubesim.engine.ScheduledEvent} when they may need to cancel it. Nothing in the
 * simulation reads wall-clock time; every duration comes from {@link io.kubesim.engine.Simulation#now()}.
 */
package io.kubesim.engine;
