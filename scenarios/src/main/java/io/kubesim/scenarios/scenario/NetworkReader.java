package io.kubesim.scenarios.scenario;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.traffic.NetworkSpec;

/** Reads {@code network}: endpoint propagation delays, each defaulting to {@link NetworkSpec#DEFAULT}'s. */
final class NetworkReader {
    private NetworkReader() {
    }

    static NetworkSpec read(ScenarioNode n) {
        if (!n.isPresent()) {
            return NetworkSpec.DEFAULT;
        }
        n.object("Network");
        NetworkSpec d = NetworkSpec.DEFAULT;
        return new NetworkSpec(field(n, "endpointSliceDelay", d.endpointSliceDelay()),
                field(n, "kubeProxyDelay", d.kubeProxyDelay()), field(n, "ingressDelay", d.ingressDelay()),
                field(n, "dnsDelay", d.dnsDelay()));
    }

    private static DurationDistribution field(ScenarioNode n, String name, DurationDistribution base) {
        ScenarioNode f = n.get(name);
        return f.isPresent() ? DistributionReader.read(f) : base;
    }
}
