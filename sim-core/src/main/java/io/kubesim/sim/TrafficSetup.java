package io.kubesim.sim;

import io.kubesim.app.ApplicationCatalog;
import io.kubesim.cluster.ClusterStore;
import io.kubesim.kubelet.Kubelets;
import io.kubesim.kubelet.RequestLoad;
import io.kubesim.metrics.DecisionRecorder;
import io.kubesim.traffic.EndpointViews;
import io.kubesim.traffic.ExactTraffic;
import io.kubesim.traffic.FluidTraffic;
import io.kubesim.traffic.ProxyViews;
import io.kubesim.traffic.TrafficLedger;
import io.kubesim.traffic.TrafficMode;
import io.kubesim.traffic.TrafficModel;

/**
 * Builds the traffic model a scenario asks for (exact or fluid) on the proxies' endpoint views
 * and connects it to the kubelets, which see its requests as CPU and memory load.
 */
final class TrafficSetup {
    private TrafficSetup() {
    }

    /**
     * The started traffic model; null when the scenario has no traffic. Its failed requests are
     * recorded in {@code decisions} as bursts ({@code RequestsFailed}) when decisions are enabled.
     */
    static TrafficModel start(SimulationSpec spec, ClusterSimulation.Options options, ClusterStore store,
                              ApplicationCatalog applications, ProxyViews views, Kubelets kubelets,
                              DisplayNames names, DecisionRecorder decisions) {
        if (spec.traffic().isEmpty()) {
            return null;
        }
        boolean mesh = usesMesh(spec);
        EndpointViews endpointViews = new EndpointViews() {
            @Override
            public io.kubesim.traffic.EndpointView view(boolean ingress, String key) {
                return ingress ? views.view(ProxyViews.INGRESS, key) : views.clientView(key);
            }

            @Override
            public io.kubesim.traffic.EndpointView meshView(String key) {
                return mesh ? views.view(ProxyViews.MESH, key) : views.clientView(key);
            }
        };
        TrafficLedger ledger = new TrafficLedger(store, spec.sampleInterval(),
                s -> names.of(s.metadata().namespace(), s.name()));
        ledger.recordFailures(decisions);
        TrafficMode requested = options.trafficMode();
        ledger.pods().describe(PodWorkloads.keys(store, names), names::of);
        TrafficMode mode = requested != null ? requested : TrafficModeChoice.choose(spec);
        TrafficModel model;
        if (mode == TrafficMode.FLUID) {
            FluidTraffic fluid = new FluidTraffic(store, applications, endpointViews, ledger,
                    fluidStep(spec.sampleInterval()));
            fluid.enforce(io.kubesim.traffic.NetworkPolicies.of(spec.manifests()));
            views.beforeChange(fluid::viewChanging);
            model = fluid;
        } else {
            ExactTraffic exact = new ExactTraffic(store, applications, endpointViews, ledger,
                    spec.network().proxyMode(), options.connectionPerRequest());
            exact.enforce(io.kubesim.traffic.NetworkPolicies.of(spec.manifests()));
            model = exact;
        }
        model.start();
        kubelets.addListener(model);
        return model;
    }

    /** Whether an entry point or a call goes through a service mesh's proxies. */
    static boolean usesMesh(SimulationSpec spec) {
        for (io.kubesim.traffic.EntryPoint e : spec.traffic()) {
            if (e.viaMesh()) {
                return true;
            }
        }
        for (io.kubesim.app.ApplicationModel a : spec.applications().values()) {
            for (io.kubesim.app.ServingModel.Call c : a.serving().calls()) {
                if (c.viaMesh()) {
                    return true;
                }
            }
        }
        for (io.kubesim.app.ServingModel.Call c : spec.defaultApplication().serving().calls()) {
            if (c.viaMesh()) {
                return true;
            }
        }
        return false;
    }

    /** The request load on pods as the kubelets see it: the traffic model's, brought up to now. */
    static RequestLoad requestLoad(TrafficModel traffic) {
        if (traffic == null) {
            return RequestLoad.NONE;
        }
        return new RequestLoad() {
            @Override
            public void visit(Visitor visitor) {
                traffic.settle();
                traffic.visitLoad(held(visitor));
            }

            @Override
            public void visitChanges(Visitor visitor) {
                traffic.settle();
                traffic.visitLoadChanges(held(visitor));
            }
        };
    }

    /** Hands the traffic model's figures on, requests held turned into the bytes they take. */
    private static TrafficModel.PodLoadVisitor held(RequestLoad.Visitor visitor) {
        return (pod, target, model, cpu, offered, held) ->
                visitor.visit(pod, target, cpu, offered, held * model.memoryPerRequest());
    }

    /** The fluid step: {@link FluidTraffic#DEFAULT_STEP}, or less so that it divides the interval. */
    private static long fluidStep(long interval) {
        long step = Math.min(FluidTraffic.DEFAULT_STEP, interval);
        while (interval % step != 0) {
            step--;
        }
        return step;
    }
}
