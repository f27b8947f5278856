package io.kubesim.scenarios.scenario;

import io.kubesim.engine.DurationDistribution;
import io.kubesim.traffic.NetworkSpec;
import io.kubesim.traffic.ProxyMode;

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
                field(n, "dnsDelay", d.dnsDelay()), proxyMode(n), field(n, "meshDelay", d.meshDelay()));
    }

    /** {@code proxyMode} (iptables, nftables, ipvs) and, for ipvs, {@code ipvsScheduler} (rr, lc). */
    private static ProxyMode proxyMode(ScenarioNode n) {
        ScenarioNode m = n.get("proxyMode");
        String mode = m.isPresent() ? m.text() : "iptables";
        ScenarioNode sched = n.get("ipvsScheduler");
        if (sched.isPresent() && !mode.equals("ipvs")) {
            throw sched.errorAtKey("ipvsScheduler applies to proxyMode: ipvs only");
        }
        switch (mode) {
            case "iptables":
                return ProxyMode.IPTABLES;
            case "nftables":
                return ProxyMode.NFTABLES;
            case "ipvs":
                if (!sched.isPresent() || sched.text().equals("rr")) {
                    return ProxyMode.IPVS_RR;
                }
                if (sched.text().equals("lc")) {
                    return ProxyMode.IPVS_LC;
                }
                throw sched.error("expected rr or lc (the IPVS schedulers kubesim models), got \"" + sched.text() + "\"");
            default:
                throw m.error("expected iptables, nftables or ipvs, got \"" + mode + "\"");
        }
    }

    private static DurationDistribution field(ScenarioNode n, String name, DurationDistribution base) {
        ScenarioNode f = n.get(name);
        return f.isPresent() ? DistributionReader.read(f) : base;
    }
}
