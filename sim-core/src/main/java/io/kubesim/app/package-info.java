/**
 * The application inside the containers: how long it takes to start listening, whether it
 * crashes, how long it takes to shut down after SIGTERM. Kubernetes does not know these; the
 * scenario states them per workload ({@code ApplicationModel}) and per container by name
 * ({@code ContainerModel}: usage, init-container run time), and the kubelet and the traffic model
 * act on them. Where the scenario says nothing, the defaults never invent a failure (a working set
 * of half the memory request, below any limit).
 */
package io.kubesim.app;
