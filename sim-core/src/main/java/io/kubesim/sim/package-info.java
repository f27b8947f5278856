/**
 * Putting a run together: {@link io.kubesim.sim.SimulationSpec} is everything a scenario says
 * (seed, duration, node pools, manifests, application models, timeline), and
 * {@link io.kubesim.sim.ClusterSimulation} wires the store, scheduler, kubelets and controllers
 * from it, plays the timeline and runs the engine.
 */
package io.kubesim.sim;
