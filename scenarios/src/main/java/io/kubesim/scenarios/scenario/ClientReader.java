package io.kubesim.scenarios.scenario;

import io.kubesim.app.ClientSpec;
import io.kubesim.app.RetryBudget;
import io.kubesim.app.RetryOn;
import io.kubesim.app.RetryPolicy;
import io.kubesim.engine.SimTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a {@code client} (an entry point's outside clients, or a pod's client toward a Service it
 * calls): connections, timeouts and retries. A field left out keeps {@code base}'s value.
 */
final class ClientReader {
    /** At most this many retries: more would only hide a scenario mistake. */
    static final int MAX_RETRIES = 10;
    /** The failures retried when {@code retries.on} is left out: those before any answer. */
    static final Set<RetryOn> DEFAULT_RETRY_ON = Set.of(RetryOn.CONNECT_FAILURE, RetryOn.RESET);

    private ClientReader() {
    }

    static ClientSpec read(ScenarioNode n, ClientSpec base) {
        if (!n.isPresent()) {
            return base;
        }
        n.object("Client");
        ClientSpec.Connections connections = base.connections();
        ScenarioNode c = n.get("connections");
        if (c.isPresent()) {
            connections = ClientSpec.Connections.of(c.text());
            if (connections == null) {
                throw c.error("expected perRequest, keepAlive, http2 or grpc, got \"" + c.text() + "\"");
            }
        }
        boolean roundRobin = base.roundRobin();
        ScenarioNode lb = n.get("loadBalancing");
        if (lb.isPresent()) {
            roundRobin = switch (lb.text()) {
                case "round_robin" -> true;
                case "pick_first" -> false;
                default -> throw lb.error("expected pick_first or round_robin, got \"" + lb.text() + "\"");
            };
            if (connections != ClientSpec.Connections.MULTIPLEXED) {
                throw lb.errorAtKey("loadBalancing is gRPC's policy: it applies to connections: grpc (or http2) only");
            }
        }
        return new ClientSpec(connections,
                n.get("idleTimeout").isPresent() ? n.get("idleTimeout").positiveDuration() : base.idleTimeout(),
                n.get("maxIdle").isPresent() ? n.get("maxIdle").intInRange(0, 100_000) : base.maxIdle(),
                n.get("maxRequests").isPresent() ? n.get("maxRequests").intInRange(0, Integer.MAX_VALUE) : base.maxRequests(),
                n.get("connectTimeout").isPresent() ? n.get("connectTimeout").positiveDuration() : base.connectTimeout(),
                n.get("timeout").isPresent() ? n.get("timeout").positiveDuration() : base.timeout(),
                retries(n.get("retries"), base.retry()), roundRobin);
    }

    private static RetryPolicy retries(ScenarioNode n, RetryPolicy base) {
        if (!n.isPresent()) {
            return base;
        }
        n.object("Retries");
        int attempts = n.get("attempts").isPresent() ? n.get("attempts").intInRange(0, MAX_RETRIES) : 1;
        long perTry = n.get("perTryTimeout").isPresent() ? n.get("perTryTimeout").positiveDuration() : 0;
        long backoffBase = RetryPolicy.DEFAULT_BACKOFF_BASE;
        long backoffMax = 10 * backoffBase;
        ScenarioNode b = n.get("backoff");
        if (b.isPresent()) {
            b.object("Backoff");
            backoffBase = b.get("base").isPresent() ? b.get("base").duration() : backoffBase;
            backoffMax = b.get("max").isPresent() ? b.get("max").duration() : Math.max(backoffMax, backoffBase);
            if (backoffMax < backoffBase) {
                throw b.get("max").error("expected a max back-off of at least the base ("
                        + SimTime.format(backoffBase) + "), got " + b.get("max").scalarText());
            }
        }
        Set<RetryOn> on = DEFAULT_RETRY_ON;
        ScenarioNode o = n.get("on");
        if (o.isPresent()) {
            EnumSet<RetryOn> set = EnumSet.noneOf(RetryOn.class);
            for (ScenarioNode item : o.items()) {
                RetryOn r = RetryOn.of(item.scalarText());
                if (r == null) {
                    throw item.error("expected one of " + labels() + ", got \"" + item.scalarText() + "\"");
                }
                set.add(r);
            }
            on = set;
        }
        RetryBudget budget = null;
        ScenarioNode bu = n.get("budget");
        if (bu.isPresent()) {
            bu.object("RetryBudget");
            RetryBudget d = RetryBudget.LINKERD_DEFAULT;
            double ratio = bu.get("ratio").isPresent() ? bu.get("ratio").nonNegativeNumber("a ratio of retries to requests")
                    : d.ratio();
            double min = bu.get("minPerSecond").isPresent()
                    ? bu.get("minPerSecond").nonNegativeNumber("retries per second") : d.minPerSecond();
            long ttl = d.ttl();
            if (bu.get("ttl").isPresent()) {
                ttl = bu.get("ttl").duration();
                if (ttl < SimTime.seconds(1)) {
                    throw bu.get("ttl").error("expected a window of at least 1s, got " + bu.get("ttl").scalarText());
                }
            }
            budget = new RetryBudget(ratio, min, ttl);
        }
        return new RetryPolicy(attempts, perTry, backoffBase, backoffMax, on, false, budget);
    }

    private static String labels() {
        List<String> out = new ArrayList<>();
        for (RetryOn r : RetryOn.values()) {
            out.add(r.label());
        }
        return String.join(", ", out);
    }
}
