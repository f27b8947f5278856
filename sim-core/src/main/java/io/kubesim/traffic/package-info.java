/**
 * Request traffic through the cluster: arrival processes per entry point, load balancers that see
 * a Service's endpoints through their own delayed view, the application inside each pod serving
 * requests (concurrency, queue, service time, warm-up, SIGTERM behaviour), and the outcome of
 * every request with its cause.
 */
package io.kubesim.traffic;
