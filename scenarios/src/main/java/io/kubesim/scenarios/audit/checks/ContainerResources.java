package io.kubesim.scenarios.audit.checks;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubesim.scenarios.audit.AuditInput;
import io.kubesim.scenarios.audit.AuditObject;
import io.kubesim.scenarios.audit.Workload;
import java.math.BigDecimal;

/**
 * A container's requests and limits as the API server would store them: written values, the
 * request copied from the limit when only the limit is written (API defaulting), and the
 * defaults of a LimitRange in the namespace (admission).
 */
public final class ContainerResources {
    private ContainerResources() {
    }

    /** The request of {@code resource} (cpu, memory), or null when the container gets none. */
    public static BigDecimal request(AuditInput in, Workload w, Workload.ContainerAt c, String resource) {
        BigDecimal written = amount(c.node().path("resources").path("requests").path(resource));
        if (written != null) {
            return written;
        }
        BigDecimal limit = amount(c.node().path("resources").path("limits").path(resource));
        if (limit != null) {
            return limit;
        }
        BigDecimal byDefault = limitRangeDefault(in, w, "defaultRequest", resource);
        return byDefault != null ? byDefault : limitRangeDefault(in, w, "default", resource);
    }

    /** The limit of {@code resource}, or null when the container has none. */
    public static BigDecimal limit(AuditInput in, Workload w, Workload.ContainerAt c, String resource) {
        BigDecimal written = amount(c.node().path("resources").path("limits").path(resource));
        return written != null ? written : limitRangeDefault(in, w, "default", resource);
    }

    private static BigDecimal limitRangeDefault(AuditInput in, Workload w, String field, String resource) {
        for (AuditObject lr : in.ofKind("LimitRange")) {
            if (!lr.namespace().equals(w.object().namespace())) {
                continue;
            }
            for (JsonNode item : lr.path("/spec/limits")) {
                if (item.path("type").asText("").equals("Container")) {
                    BigDecimal v = amount(item.path(field).path(resource));
                    if (v != null) {
                        return v;
                    }
                }
            }
        }
        return null;
    }

    /** A quantity's amount in base units (cores, bytes), or null when absent or not a quantity. */
    static BigDecimal amount(JsonNode q) {
        if (q == null || q.isMissingNode() || q.isNull()) {
            return null;
        }
        try {
            return Quantity.getAmountInBytes(new Quantity(q.asText()));
        } catch (IllegalArgumentException | ArithmeticException e) {
            return null;
        }
    }
}
