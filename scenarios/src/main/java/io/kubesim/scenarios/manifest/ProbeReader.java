package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.kubesim.api.Probe;

/**
 * Reads a probe with the API defaults of pkg/apis/core/v1/defaults.go {@code SetDefaults_Probe}
 * (k8s-semantics.md 4.1): a field left out <em>or set to 0</em> becomes period 10, timeout 1,
 * success 1, failure 3 (the defaulting tests for zero, as Go's int fields cannot tell the two
 * apart). Negative values and a success threshold other than 1 on a liveness or startup probe are
 * rejected, as the API server's validation does.
 */
final class ProbeReader {
    private ProbeReader() {
    }

    /** {@code type} is {@code liveness}, {@code readiness} or {@code startup}. */
    static Probe read(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.Probe p, String type) {
        if (p == null) {
            return null;
        }
        int initialDelay = nonNegative(ctx, pointer + "/initialDelaySeconds", p.getInitialDelaySeconds(), 0);
        int period = nonNegative(ctx, pointer + "/periodSeconds", p.getPeriodSeconds(), Probe.DEFAULT_PERIOD_SECONDS);
        int timeout = nonNegative(ctx, pointer + "/timeoutSeconds", p.getTimeoutSeconds(), Probe.DEFAULT_TIMEOUT_SECONDS);
        int success = nonNegative(ctx, pointer + "/successThreshold", p.getSuccessThreshold(),
                Probe.DEFAULT_SUCCESS_THRESHOLD);
        int failure = nonNegative(ctx, pointer + "/failureThreshold", p.getFailureThreshold(),
                Probe.DEFAULT_FAILURE_THRESHOLD);
        if (!type.equals("readiness") && success != 1) {
            throw ctx.error(pointer + "/successThreshold", "must be 1 for a " + type + " probe, got " + success);
        }
        Long grace = p.getTerminationGracePeriodSeconds();
        if (grace != null && grace <= 0) {
            throw ctx.error(pointer + "/terminationGracePeriodSeconds", "must be greater than 0, got " + grace);
        }
        if (grace != null && type.equals("readiness")) {
            throw ctx.error(pointer + "/terminationGracePeriodSeconds", "must not be set for a readiness probe");
        }
        return new Probe(action(ctx, pointer, p), initialDelay, period, timeout, success, failure, grace);
    }

    private static int nonNegative(ObjectContext ctx, String pointer, Integer value, int dflt) {
        if (value != null && value == 0 && dflt != 0) {
            String field = pointer.substring(pointer.lastIndexOf('/') + 1);
            ctx.warn(pointer, field + ": 0 is not a value the probe can have: the API server replaces it with the "
                    + "default, " + dflt + " (write " + dflt + ", or leave the field out)");
        }
        if (value == null || value == 0) {
            return dflt;
        }
        if (value < 0) {
            throw ctx.error(pointer, "must be greater than or equal to 0, got " + value);
        }
        return value;
    }

    private static String action(ObjectContext ctx, String pointer, io.fabric8.kubernetes.api.model.Probe p) {
        if (p.getHttpGet() != null) {
            HTTPGetAction h = p.getHttpGet();
            return "httpGet " + port(h.getPort()) + (h.getPath() == null ? "" : h.getPath());
        }
        if (p.getTcpSocket() != null) {
            return "tcpSocket " + port(p.getTcpSocket().getPort());
        }
        if (p.getGrpc() != null) {
            return "grpc :" + p.getGrpc().getPort();
        }
        if (p.getExec() != null) {
            return "exec " + p.getExec().getCommand();
        }
        throw ctx.error(pointer, "a probe must specify a handler: exec, httpGet, tcpSocket or grpc");
    }

    private static String port(IntOrString port) {
        if (port == null) {
            return ":";
        }
        return ":" + (port.getIntVal() != null ? port.getIntVal().toString() : port.getStrVal());
    }
}
