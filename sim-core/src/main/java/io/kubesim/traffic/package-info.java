/**
 * Request traffic through the cluster: arrival processes per entry point, load balancers that see
 * a Service's endpoints through their own delayed view, clients with their connections, timeouts
 * and retries (a pod is picked per new connection through kube-proxy, per request through a
 * proxy), the application inside each pod serving requests (concurrency, queue, service time,
 * warm-up, SIGTERM behaviour), and the outcome of every request with its cause. The {@link io.kubesim.traffic.TrafficLedger} keeps the outcomes per
 * Service and, in its {@link io.kubesim.traffic.PodTally}, per pod; {@link io.kubesim.traffic.ReplicaSpread}
 * measures how evenly each workload's replicas share the load.
 */
package io.kubesim.traffic;
