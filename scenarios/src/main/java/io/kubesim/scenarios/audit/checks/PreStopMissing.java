package io.kubesim.scenarios.audit.checks;

import io.kubesim.scenarios.audit.AuditArea;
import io.kubesim.scenarios.audit.AuditCheck;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Finding;
import io.kubesim.scenarios.audit.Rule;
import io.kubesim.scenarios.audit.Severity;
import io.kubesim.scenarios.audit.Workload;
import java.util.ArrayList;
import java.util.List;

/**
 * Traffic-serving pods wait in a preStop hook before SIGTERM, while the endpoint's removal
 * reaches kube-proxy (about 1-2 s, k8s-semantics.md 5 and 17.1) and the load balancers that keep
 * their own copy of the endpoints (ingress controllers, meshes, cloud load balancers: longer).
 */
public final class PreStopMissing implements AuditCheck {
    private static final Rule RULE = new Rule("prestop-missing", AuditArea.DRAINING, Severity.MEDIUM,
            "Traffic-serving pods drain in a preStop hook",
            "When a pod is deleted, the kubelet sends SIGTERM at once while the endpoint's removal is still on "
                    + "its way: kube-proxy learns of it 1-2 s later, ingress controllers, meshes and cloud load "
                    + "balancers later still. Until then they keep sending new connections to a process that is "
                    + "shutting down, and those requests are refused. A short preStop sleep keeps the pod serving "
                    + "until the balancers have let go; terminationGracePeriodSeconds must cover it.");

    @Override
    public Rule rule() {
        return RULE;
    }

    @Override
    public List<Finding> check(AuditInput in) {
        List<Finding> out = new ArrayList<>();
        for (Workload w : in.workloads()) {
            List<AuditObject> services = in.servicesSelecting(w);
            if (services.isEmpty() || w.containers().isEmpty() || w.kind().equals("Job") || w.kind().equals("CronJob")) {
                continue;
            }
            boolean any = w.containers().stream().anyMatch(c -> c.node().path("lifecycle").has("preStop"));
            if (!any) {
                Workload.ContainerAt first = w.containers().get(0);
                String propagation = "kube-proxy (1-2 s) and load balancers (longer)";
                int sleep = 5;
                if (in.scenario() != null) {
                    // the scenario's own propagation: the slice write, then the slowest balancer's sync
                    io.kubesim.traffic.NetworkSpec n = in.scenario().network();
                    boolean ingress = in.scenario().traffic().stream().anyMatch(e -> e.viaIngress());
                    double slowest = ProbeTimingVsStartup.slowest(n.endpointSliceDelay())
                            + Math.max(ProbeTimingVsStartup.slowest(n.kubeProxyDelay()),
                            ingress ? ProbeTimingVsStartup.slowest(n.ingressDelay()) : 0);
                    propagation = String.format(java.util.Locale.ROOT, "the balancers (up to %.1f s in this "
                            + "scenario: the EndpointSlice write, then %s sync)", slowest,
                            ingress ? "kube-proxy's or the ingress's" : "kube-proxy's");
                    sleep = Math.max(5, (int) Math.ceil(slowest) + 1);
                }
                out.add(finding(w.object(), first.pointer(), "no preStop hook and Service " + services.get(0).name()
                                + " routes to it: at deletion the container gets SIGTERM while " + propagation
                                + " still send it new connections, which are refused",
                        "lifecycle: {preStop: {sleep: {seconds: " + sleep + "}}} on container " + first.name()
                                + " (Kubernetes 1.30+; before, exec: {command: [sleep, \"" + sleep + "\"]}), with "
                                + "terminationGracePeriodSeconds above the sleep plus the shutdown",
                        Rollouts.drill(w, List.of(w.setTarget() + ":spec.template.spec.containers[name=" + first.name()
                                + "].lifecycle={preStop: {sleep: {seconds: " + sleep + "}}}"),
                                "with a " + sleep + " s preStop sleep")));
            }
        }
        return out;
    }
}
