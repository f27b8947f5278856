package io.kubesim.scenarios.manifest;

import io.fabric8.kubernetes.api.model.LimitRange;
import io.fabric8.kubernetes.api.model.LimitRangeItem;
import io.fabric8.kubernetes.api.model.Quantity;
import io.kubesim.api.Manifest;
import io.kubesim.api.QuantityFormat;
import io.kubesim.api.Resources;
import io.kubesim.scenarios.Quantities;
import io.kubesim.scenarios.yaml.Pointers;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a LimitRange (v1) and applies the API server's defaulting of the object itself
 * (k8s-semantics.md 15.2, SetDefaults_LimitRangeItem, type Container only): {@code default}
 * from {@code max}, then {@code defaultRequest} from {@code default}, then from {@code min}.
 * Validation follows ValidateLimitRange: min above max, a default outside min..max, a
 * defaultRequest above the default, a ratio below 1, and defaults on a Pod item are errors.
 * Items of type PersistentVolumeClaim (or any other) load with a located warning and are ignored.
 */
final class LimitRangeReader {
    private LimitRangeReader() {
    }

    static Manifest.LimitRangeManifest read(ObjectContext ctx, LimitRange lr, ObjectMetaReader.Meta meta) {
        List<io.kubesim.api.LimitRangeItem> items = new ArrayList<>();
        List<LimitRangeItem> limits = lr.getSpec() == null || lr.getSpec().getLimits() == null ? List.of()
                : lr.getSpec().getLimits();
        for (int i = 0; i < limits.size(); i++) {
            LimitRangeItem item = limits.get(i);
            String p = "/spec/limits/" + i;
            String type = item.getType();
            if (type == null || type.isEmpty()) {
                throw ctx.errorAtKey(p, "a LimitRange item needs a type (Container, Pod or PersistentVolumeClaim)");
            }
            if (!type.equals(io.kubesim.api.LimitRangeItem.CONTAINER) && !type.equals(io.kubesim.api.LimitRangeItem.POD)) {
                ctx.warn(p + "/type", "LimitRange \"" + meta.name() + "\": items of type " + type
                        + " are not modelled by kubesim; ignored");
                continue;
            }
            Resources min = ResourcesReader.read(ctx, p + "/min", item.getMin());
            Resources max = ResourcesReader.read(ctx, p + "/max", item.getMax());
            Resources def = ResourcesReader.read(ctx, p + "/default", item.getDefault());
            Resources defReq = ResourcesReader.read(ctx, p + "/defaultRequest", item.getDefaultRequest());
            Map<String, Long> ratio = ratios(ctx, p + "/maxLimitRequestRatio", item.getMaxLimitRequestRatio());
            if (type.equals(io.kubesim.api.LimitRangeItem.POD)) {
                if (!def.isEmpty()) {
                    throw ctx.error(p + "/default", "may not be specified when type is Pod");
                }
                if (!defReq.isEmpty()) {
                    throw ctx.error(p + "/defaultRequest", "may not be specified when type is Pod");
                }
            } else {
                // SetDefaults_LimitRangeItem
                def = fillFrom(def, max);
                defReq = fillFrom(defReq, def);
                defReq = fillFrom(defReq, min);
            }
            validate(ctx, p, min, max, def, defReq, ratio);
            items.add(new io.kubesim.api.LimitRangeItem(type, min, max, def, defReq, ratio));
        }
        return new Manifest.LimitRangeManifest(meta.namespace(), meta.name(), items, ctx.origin());
    }

    private static Resources fillFrom(Resources have, Resources source) {
        Resources.Builder b = null;
        for (String r : source.names()) {
            if (!have.has(r)) {
                if (b == null) {
                    b = Resources.builder();
                    for (String n : have.names()) {
                        b.set(n, have.get(n));
                    }
                }
                b.set(r, source.get(r));
            }
        }
        return b == null ? have : b.build();
    }

    /** maxLimitRequestRatio in thousandths; a ratio below 1 is refused. */
    private static Map<String, Long> ratios(ObjectContext ctx, String pointer, Map<String, Quantity> list) {
        Map<String, Long> out = new TreeMap<>();
        if (list == null) {
            return out;
        }
        for (String name : new TreeMap<>(list).keySet()) {
            String p = Pointers.child(pointer, name);
            BigDecimal v = ctx.node(p).isNull() ? BigDecimal.ZERO : Quantities.parse(ctx.node(p).asText());
            if (v.compareTo(BigDecimal.ONE) < 0) {
                // a null quantity decodes as zero, printed "0" as the API server prints it
                throw ctx.error(p, "ratio " + (ctx.node(p).isNull() ? "0" : ctx.node(p).asText()) + " is less than 1");
            }
            out.put(name, Quantities.milliValue(v));
        }
        return out;
    }

    /** ValidateLimitRange's ordering rules, at the field that breaks them. */
    private static void validate(ObjectContext ctx, String p, Resources min, Resources max, Resources def,
                                 Resources defReq, Map<String, Long> ratio) {
        for (String r : min.names()) {
            if (max.has(r) && min.get(r) > max.get(r)) {
                throw ctx.error(Pointers.child(p + "/min", r), "min value " + q(r, min) + " is greater than max value "
                        + q(r, max));
            }
            if (defReq.has(r) && min.get(r) > defReq.get(r)) {
                throw ctx.error(Pointers.child(p + "/min", r), "min value " + q(r, min)
                        + " is greater than default request value " + q(r, defReq));
            }
            if (def.has(r) && min.get(r) > def.get(r)) {
                throw ctx.error(Pointers.child(p + "/min", r), "min value " + q(r, min)
                        + " is greater than default value " + q(r, def));
            }
        }
        for (String r : defReq.names()) {
            if (max.has(r) && defReq.get(r) > max.get(r)) {
                throw ctx.error(Pointers.child(p + "/defaultRequest", r), "default request value " + q(r, defReq)
                        + " is greater than max value " + q(r, max));
            }
            if (def.has(r) && defReq.get(r) > def.get(r)) {
                throw ctx.error(Pointers.child(p + "/defaultRequest", r), "default request value " + q(r, defReq)
                        + " is greater than default limit value " + q(r, def));
            }
        }
        for (String r : def.names()) {
            if (max.has(r) && def.get(r) > max.get(r)) {
                throw ctx.error(Pointers.child(p + "/default", r), "default value " + q(r, def)
                        + " is greater than max value " + q(r, max));
            }
        }
        for (Map.Entry<String, Long> e : ratio.entrySet()) {
            String r = e.getKey();
            if (max.has(r) && min.has(r) && min.get(r) > 0) {
                double maxRatio = (double) max.get(r) / min.get(r);
                if (e.getValue() / 1000.0 > maxRatio) {
                    throw ctx.error(Pointers.child(p + "/maxLimitRequestRatio", r), "ratio "
                            + QuantityFormat.milli(e.getValue()) + " is greater than max/min = "
                            + String.format(java.util.Locale.ROOT, "%f", maxRatio));
                }
            }
        }
    }

    private static String q(String resource, Resources r) {
        return QuantityFormat.of(resource, r.get(resource));
    }
}
