package io.kubesim.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * A proxy that balances each request over pod addresses itself: ingress-nginx's
 * {@code round_robin} (its default) or {@code ewma}, and Envoy's {@code LEAST_REQUEST}
 * (k8s-semantics.md 17.7, 17.8). A retry goes to another endpoint when there is one.
 */
final class ProxyPicker implements EndpointPicker {
    /** ingress-nginx's EWMA decay time: 10 s. */
    static final double EWMA_DECAY_MICROS = 10e6;

    private final LoadBalance policy;
    private final RandomGenerator rng;
    private final ToIntFunction<String> inFlightOf;
    private final Map<String, double[]> ewma;
    private int next;

    ProxyPicker(LoadBalance policy, RandomGenerator rng, ToIntFunction<String> inFlightOf) {
        this.policy = policy;
        this.rng = rng;
        this.inFlightOf = inFlightOf;
        this.ewma = policy == LoadBalance.EWMA ? new HashMap<>() : null;
    }

    @Override
    public boolean perRequest() {
        return true;
    }

    @Override
    public Endpoint pick(List<Endpoint> routable, ClientIdentity client, String avoid) {
        int n = routable.size();
        if (policy == LoadBalance.ROUND_ROBIN || n == 1) {
            Endpoint e = routable.get(Math.floorMod(next++, n));
            if (n > 1 && e.podUid().equals(avoid)) {
                e = routable.get(Math.floorMod(next++, n));
            }
            return e;
        }
        int a = rng.nextInt(n);
        int b = rng.nextInt(n - 1);
        if (b >= a) {
            b++;
        }
        Endpoint ea = routable.get(a);
        Endpoint eb = routable.get(b);
        if (ea.podUid().equals(avoid)) {
            return eb;
        }
        if (eb.podUid().equals(avoid)) {
            return ea;
        }
        return score(eb) < score(ea) ? eb : ea;
    }

    private double score(Endpoint e) {
        if (policy == LoadBalance.LEAST_REQUEST) {
            return inFlightOf.applyAsInt(e.podUid());
        }
        double[] s = ewma.get(e.podUid());
        return s == null ? 0 : s[0];
    }

    @Override
    public void observe(String podUid, long latency, long now) {
        if (ewma == null) {
            return;
        }
        double[] s = ewma.get(podUid);
        if (s == null) {
            ewma.put(podUid, new double[] {latency, now});
            return;
        }
        double w = Math.exp(-(now - s[1]) / EWMA_DECAY_MICROS);
        s[0] = s[0] * w + latency * (1 - w);
        s[1] = now;
    }
}
