package io.kubesim.scenarios.scenario;

import io.kubesim.app.ServingModel;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an application's {@code serving}: how each pod serves requests. Every field left out
 * comes from {@code base} (the {@code default} application's serving, or
 * {@link ServingModel#DEFAULT}); downstream calls must name a loaded Service.
 */
final class ServingReader {
    static final int MAX_CONCURRENCY = 1_000_000;

    private ServingReader() {
    }

    static ServingModel read(ScenarioNode n, ServingModel base, WorkloadIndex services) {
        if (!n.isPresent()) {
            return base;
        }
        n.object("Serving");
        long timeout = n.get("timeout").isPresent() ? n.get("timeout").positiveDuration() : base.timeout();
        return new ServingModel(
                n.get("concurrency").isPresent() ? n.get("concurrency").intInRange(1, MAX_CONCURRENCY) : base.concurrency(),
                n.get("queueLimit").isPresent() ? n.get("queueLimit").intInRange(0, Integer.MAX_VALUE) : base.queueLimit(),
                n.get("serviceTime").isPresent() ? DistributionReader.read(n.get("serviceTime")) : base.serviceTime(),
                timeout,
                n.get("warmUp").isPresent() ? n.get("warmUp").duration() : base.warmUp(),
                n.get("warmUpSlowdown").isPresent() ? slowdown(n.get("warmUpSlowdown")) : base.warmUpSlowdown(),
                n.get("onSigterm").isPresent() ? drains(n.get("onSigterm")) : base.drainOnSigterm(),
                n.get("calls").isPresent() ? calls(n.get("calls"), timeout, services) : base.calls(),
                n.get("cpuPerRequest").isPresent() ? n.get("cpuPerRequest").duration() : base.cpuPerRequest(),
                n.get("memoryPerRequest").isPresent() ? bytes(n.get("memoryPerRequest")) : base.memoryPerRequest(),
                n.get("maxConnectionAge").isPresent() ? n.get("maxConnectionAge").positiveDuration()
                        : base.maxConnectionAge(),
                n.get("errorRatio").isPresent() ? ratio(n.get("errorRatio")) : base.errorRatio(),
                n.get("errorStatus").isPresent() ? errorStatus(n.get("errorStatus")) : base.errorStatus());
    }

    /** A share of requests from 0 to 1. */
    private static double ratio(ScenarioNode n) {
        double v = n.nonNegativeNumber("a share of requests");
        if (v > 1) {
            throw n.error("expected a share of requests from 0 to 1, got " + n.scalarText());
        }
        return v;
    }

    /** A 5xx status an application answers with. */
    private static int errorStatus(ScenarioNode n) {
        int v = n.intInRange(500, 599);
        return v;
    }

    /** 0 (refuse requests until warm) or a multiplier of 1 or more. */
    private static double slowdown(ScenarioNode n) {
        double v = n.number();
        if (v != 0 && v < 1) {
            throw n.error("expected 0 (refuse until warm) or a service time multiplier of 1 or more, got "
                    + n.scalarText());
        }
        return v;
    }

    /** A memory quantity in whole bytes, e.g. 512Ki or 2Mi. */
    static long bytes(ScenarioNode n) {
        BigDecimal v = NodePoolReader.quantity(n);
        try {
            return v.setScale(0, RoundingMode.CEILING).longValueExact();
        } catch (ArithmeticException e) {
            throw n.error("expected a memory size such as 512Ki or 2Mi, got " + n.scalarText());
        }
    }

    private static boolean drains(ScenarioNode n) {
        return switch (n.text()) {
            case "drain" -> true;
            case "close" -> false;
            default -> throw n.error("expected drain or close, got \"" + n.text() + "\"");
        };
    }

    /** {@code fallback}, {@code propagate}, or a status: 500, 502, 503 or 504 (default 502). */
    private static io.kubesim.app.OnFailure onFailure(ScenarioNode n) {
        if (!n.isPresent()) {
            return io.kubesim.app.OnFailure.DEFAULT;
        }
        String expected = "expected fallback, propagate or a status (500, 502, 503 or 504), got ";
        if (n.isMapping()) {
            throw n.error(expected + "a mapping");
        }
        String v;
        try {
            v = n.scalarText();
        } catch (io.kubesim.scenarios.InputException e) {
            throw n.error(expected + "a list");
        }
        switch (v) {
            case "fallback":
                return io.kubesim.app.OnFailure.FALLBACK;
            case "propagate":
                return io.kubesim.app.OnFailure.PROPAGATE;
            case "500", "502", "503", "504":
                return new io.kubesim.app.OnFailure(false, Integer.parseInt(v));
            default:
                throw n.error(expected + v);
        }
    }

    private static List<ServingModel.Call> calls(ScenarioNode list, long callerTimeout, WorkloadIndex services) {
        List<ServingModel.Call> out = new ArrayList<>();
        for (ScenarioNode c : list.items()) {
            c.object("Call");
            ScenarioNode svc = c.required("service");
            String service = services.resolve(svc.nonEmptyText(), svc).key();
            double p = 1.0;
            if (c.get("probability").isPresent()) {
                ScenarioNode pn = c.get("probability");
                p = pn.nonNegativeNumber("a probability");
                if (p > 1) {
                    throw pn.error("expected a probability from 0 to 1, got " + pn.scalarText());
                }
            }
            long timeout = c.get("timeout").isPresent() ? c.get("timeout").positiveDuration() : callerTimeout;
            boolean mesh = false;
            ScenarioNode via = c.get("via");
            if (via.isPresent()) {
                mesh = switch (via.text()) {
                    case "mesh" -> true;
                    case "service" -> false;
                    default -> throw via.error("expected service or mesh, got \"" + via.text() + "\"");
                };
            }
            out.add(new ServingModel.Call(service, p, timeout,
                    ClientReader.read(c.get("client"), io.kubesim.app.ClientSpec.KEEP_ALIVE), onFailure(c.get("onFailure")),
                    mesh));
        }
        return out;
    }
}
