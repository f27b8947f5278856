/**
 * The application inside the containers: how long it takes to start listening, whether it
 * crashes, how long it takes to shut down after SIGTERM. Kubernetes does not know these; the
 * scenario states them per workload, and the kubelet and (later) the traffic model act on them.
 */
package io.kubesim.app;
