package io.kubesim.scenarios.scenario;

import io.kubesim.api.Resources;
import io.kubesim.api.Taint;
import io.kubesim.api.TaintEffect;
import io.kubesim.kubelet.EvictionConfig;
import io.kubesim.scenarios.Diagnostics;
import io.kubesim.scenarios.Limits;
import io.kubesim.scenarios.Quantities;
import io.kubesim.sim.NodePool;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads {@code cluster.nodePools}: name, count (0 or more: a pool may start empty and grow by addNodes), allocatable (cpu and memory
 * required; pods defaults to 110), labels, taints, zones and provisioningTime (default 90 s). Pool names must be unique and
 * DNS labels, since node names are derived from them ({@code <pool>-<n>}).
 */
final class NodePoolReader {
    /**
     * A node's allocatable ephemeral-storage when the pool does not say: 100Gi, an estimate (a
     * 100 GB boot disk is GKE's default; kubelet reserves and eviction thresholds take some of it).
     */
    static final long DEFAULT_EPHEMERAL_STORAGE = 100L << 30;

    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");

    private NodePoolReader() {
    }

    static List<NodePool> read(ScenarioNode cluster, Diagnostics diagnostics) {
        cluster.object("Cluster");
        ScenarioNode poolsNode = cluster.required("nodePools");
        List<ScenarioNode> items = poolsNode.items();
        if (items.isEmpty()) {
            throw poolsNode.error("expected at least one node pool");
        }
        List<NodePool> pools = new ArrayList<>();
        List<String> names = new ArrayList<>();
        long nodes = 0;
        for (ScenarioNode p : items) {
            NodePool pool = pool(p, diagnostics);
            if (names.contains(pool.name())) {
                throw p.required("name").error("duplicate node pool name \"" + pool.name() + "\"");
            }
            names.add(pool.name());
            pools.add(pool);
            nodes += pool.count();
        }
        if (nodes > Limits.MAX_NODES) {
            throw poolsNode.error("the node pools start " + String.format(Locale.ROOT, "%,d", nodes) + " nodes; kubesim "
                    + "simulates at most " + String.format(Locale.ROOT, "%,d", Limits.MAX_NODES)
                    + " (Kubernetes supports 5,000): lower the pools' counts");
        }
        return pools;
    }

    private static NodePool pool(ScenarioNode p, Diagnostics diagnostics) {
        p.object("NodePool");
        ScenarioNode nameNode = p.required("name");
        String name = nameNode.nonEmptyText();
        if (name.length() > 50 || !DNS_LABEL.matcher(name).matches()) {
            throw nameNode.error("invalid pool name \"" + name + "\": expected lower-case letters, digits and '-' "
                    + "(at most 50), starting and ending with a letter or digit");
        }
        int count = p.required("count").intInRange(0, (int) Limits.MAX_NODES);
        ScenarioNode alloc = p.required("allocatable");
        Resources.Builder b = Resources.builder();
        int maxPods = NodePool.DEFAULT_MAX_PODS;
        Map<String, ScenarioNode> entries = alloc.entries();
        for (String required : List.of(Resources.CPU, Resources.MEMORY)) {
            if (!entries.containsKey(required)) {
                throw alloc.errorAtKey("missing required field \"" + required + "\" in allocatable");
            }
        }
        if (!entries.containsKey(Resources.EPHEMERAL_STORAGE)) {
            // Every real node reports ephemeral-storage; left out, a pod requesting any would never fit.
            b.set(Resources.EPHEMERAL_STORAGE, DEFAULT_EPHEMERAL_STORAGE);
        }
        for (Map.Entry<String, ScenarioNode> e : entries.entrySet()) {
            String resource = e.getKey();
            BigDecimal amount = quantity(e.getValue());
            if (resource.equals(Resources.PODS)) {
                if (!Quantities.isInteger(amount) || amount.signum() <= 0
                        || amount.compareTo(BigDecimal.valueOf(Limits.MAX_PODS_PER_NODE)) > 0) {
                    throw e.getValue().error("pods must be a whole number from 1 to " + Limits.MAX_PODS_PER_NODE
                            + ", got " + e.getValue().scalarText());
                }
                maxPods = amount.intValueExact();
            } else if (resource.equals(Resources.CPU)) {
                b.cpuMillis(nodeCpu(e.getValue(), amount));
            } else if (resource.equals(Resources.MEMORY)) {
                b.set(resource, nodeMemory(e.getValue(), amount));
            } else if (resource.equals(Resources.EPHEMERAL_STORAGE)
                    || resource.startsWith("hugepages-")) {
                b.set(resource, whole(e.getValue(), amount));
            } else if (resource.contains("/")) {
                if (!Quantities.isInteger(amount)) {
                    throw e.getValue().error("extended resource " + resource + " must be a whole number");
                }
                b.set(resource, whole(e.getValue(), amount));
            } else {
                throw e.getValue().errorAtKey("unknown resource \"" + resource
                        + "\" (expected cpu, memory, ephemeral-storage, pods, hugepages-<size> or a domain-prefixed "
                        + "extended resource such as nvidia.com/gpu)");
            }
        }
        List<Taint> taints = new ArrayList<>();
        ScenarioNode taintsNode = p.get("taints");
        if (taintsNode.isPresent()) {
            for (ScenarioNode t : taintsNode.items()) {
                taints.add(taint(t));
            }
        }
        Map<String, String> labels = p.get("labels").isPresent() ? p.get("labels").stringMap() : Map.of();
        List<String> zones = p.get("zones").isPresent() ? p.get("zones").stringList() : List.of();
        if (p.get("zones").isPresent() && zones.isEmpty()) {
            throw p.get("zones").error("expected at least one zone (or leave zones out)");
        }
        Resources allocatable = b.build();
        EvictionConfig eviction = KubeletReader.read(p.get("kubelet"), diagnostics);
        Resources capacity = p.get("capacity").isPresent() ? capacity(p.get("capacity"), allocatable) : null;
        long provisioning = p.get("provisioningTime").isPresent() ? p.get("provisioningTime").duration()
                : NodePool.DEFAULT_PROVISIONING_TIME;
        List<String> images = p.get("images").isPresent() ? p.get("images").stringList() : List.of();
        for (int i = 0; i < images.size(); i++) {
            if (images.get(i).isBlank() || images.get(i).chars().anyMatch(Character::isWhitespace)) {
                throw p.get("images").items().get(i).error("expected an image reference (e.g. nginx:1.27), got \""
                        + images.get(i) + "\"");
            }
        }
        return new NodePool(name, count, allocatable, maxPods, labels, taints, zones, provisioning, capacity,
                eviction, images);
    }

    /** The machine's cpu and memory; each at least what is allocatable. */
    private static Resources capacity(ScenarioNode n, Resources allocatable) {
        Map<String, ScenarioNode> entries = n.entries();
        long cpu = allocatable.cpuMillis();
        long memory = allocatable.memoryBytes();
        for (Map.Entry<String, ScenarioNode> e : entries.entrySet()) {
            BigDecimal amount = quantity(e.getValue());
            if (e.getKey().equals(Resources.CPU)) {
                cpu = nodeCpu(e.getValue(), amount);
                if (cpu < allocatable.cpuMillis()) {
                    throw e.getValue().error("capacity cpu must be at least allocatable cpu");
                }
            } else if (e.getKey().equals(Resources.MEMORY)) {
                memory = nodeMemory(e.getValue(), amount);
                if (memory < allocatable.memoryBytes()) {
                    throw e.getValue().error("capacity memory must be at least allocatable memory");
                }
            } else {
                throw e.getValue().errorAtKey("unknown resource \"" + e.getKey() + "\" in capacity (expected cpu or memory)");
            }
        }
        return new Resources(cpu, memory, allocatable.ephemeralStorageBytes(), allocatable.extended(),
                allocatable.setMask());
    }

    /** A node's CPU in millicores, at most {@link Limits#MAX_NODE_CPU_MILLIS}. */
    static long nodeCpu(ScenarioNode n, BigDecimal amount) {
        long cpu = milli(n, amount);
        if (cpu > Limits.MAX_NODE_CPU_MILLIS) {
            throw n.error("cpu " + n.scalarText() + " is more than kubesim simulates on one node: at most "
                    + Limits.MAX_NODE_CPU_MILLIS / 1000 + " cores (the largest machines have about 2,000); "
                    + "use more nodes instead");
        }
        return cpu;
    }

    /** A node's memory in bytes, at most {@link Limits#MAX_NODE_MEMORY_BYTES}. */
    static long nodeMemory(ScenarioNode n, BigDecimal amount) {
        long memory = whole(n, amount);
        if (memory > Limits.MAX_NODE_MEMORY_BYTES) {
            throw n.error("memory " + n.scalarText() + " is more than kubesim simulates on one node: at most 64Ti "
                    + "(the largest machines have 32Ti); use more nodes instead");
        }
        return memory;
    }

    /** A quantity in thousandths (cpu millicores), or a located error when it does not fit a long. */
    static long milli(ScenarioNode n, BigDecimal amount) {
        try {
            return Quantities.milliValue(amount);
        } catch (IllegalArgumentException e) {
            throw n.error("quantity " + n.scalarText() + " is too large");
        }
    }

    /** A quantity rounded up to a whole number (bytes, counts), or a located error when it does not fit a long. */
    static long whole(ScenarioNode n, BigDecimal amount) {
        try {
            return Quantities.value(amount);
        } catch (IllegalArgumentException e) {
            throw n.error("quantity " + n.scalarText() + " is too large");
        }
    }

    /** A Kubernetes quantity (4, 500m, 16Gi), not negative. */
    static BigDecimal quantity(ScenarioNode n) {
        String text = n.scalarText();
        try {
            BigDecimal v = Quantities.parse(text);
            if (v.signum() < 0) {
                throw n.error("must not be negative, got " + text);
            }
            return v;
        } catch (IllegalArgumentException e) {
            throw n.error("invalid quantity \"" + text + "\": " + e.getMessage() + " (e.g. 4, 500m, 16Gi)");
        }
    }

    private static Taint taint(ScenarioNode t) {
        t.object("Taint");
        String key = t.required("key").nonEmptyText();
        String value = t.get("value").isPresent() ? t.get("value").text() : "";
        ScenarioNode effectNode = t.required("effect");
        TaintEffect effect = TaintEffect.parse(effectNode.text());
        if (effect == null) {
            throw effectNode.error("expected NoSchedule, PreferNoSchedule or NoExecute, got \"" + effectNode.text() + "\"");
        }
        return new Taint(key, value, effect);
    }
}
