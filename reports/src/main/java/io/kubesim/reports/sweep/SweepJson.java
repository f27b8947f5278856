package io.kubesim.reports.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * sweep.json: a sweep's {@link SweepTable} with its definition (the arguments that decide what
 * runs) and, for a shard, which one it is. {@code kubesim sweep merge} reads the shards' files
 * back and builds every output from the joined table.
 *
 * @param definition the sweep's arguments, in order ({@code set}, {@code replications}, {@code sample},
 *                   {@code sampleSeed}, {@code objective}, {@code constraints}); shards of one sweep have equal ones
 * @param shard      {@code i/n}, or null for a whole sweep
 */
public record SweepJson(Map<String, Object> definition, String shard, SweepTable table) {
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void write(Path file) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("scenario", table.scenario());
        m.put("definition", definition);
        m.put("shard", shard);
        m.put("parameters", table.parameters());
        List<Map<String, Object>> points = new ArrayList<>();
        for (SweepTable.Point p : table.points()) {
            Map<String, Object> pm = new LinkedHashMap<>();
            pm.put("index", p.index());
            pm.put("values", p.values());
            points.add(pm);
        }
        m.put("points", points);
        m.put("seeds", table.seeds());
        m.put("quantities", table.quantities());
        List<List<List<Double>>> values = new ArrayList<>();
        for (double[][] point : table.values()) {
            List<List<Double>> reps = new ArrayList<>();
            for (double[] rep : point) {
                List<Double> q = new ArrayList<>();
                for (double v : rep) {
                    q.add(Double.isFinite(v) ? v : null);
                }
                reps.add(q);
            }
            values.add(reps);
        }
        m.put("values", values);
        m.put("refusals", table.refusals());
        MAPPER.writeValue(file.toFile(), m);
    }

    /** Reads a sweep.json back; throws IOException for a file that is not one. */
    public static SweepJson read(Path file) throws IOException {
        JsonNode n = MAPPER.readTree(file.toFile());
        if (n == null || !n.has("definition") || !n.has("values")) {
            throw new IOException(file + ": not a kubesim sweep.json");
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> definition = MAPPER.convertValue(n.get("definition"), LinkedHashMap.class);
        List<String> parameters = new ArrayList<>();
        n.get("parameters").forEach(p -> parameters.add(p.asText()));
        List<SweepTable.Point> points = new ArrayList<>();
        for (JsonNode p : n.get("points")) {
            List<String> values = new ArrayList<>();
            p.get("values").forEach(v -> values.add(v.asText()));
            points.add(new SweepTable.Point(p.get("index").asInt(), values));
        }
        List<Long> seeds = new ArrayList<>();
        n.get("seeds").forEach(s -> seeds.add(s.asLong()));
        List<String> quantities = new ArrayList<>();
        n.get("quantities").forEach(q -> quantities.add(q.asText()));
        double[][][] values = new double[points.size()][seeds.size()][quantities.size()];
        for (int p = 0; p < points.size(); p++) {
            for (int r = 0; r < seeds.size(); r++) {
                for (int q = 0; q < quantities.size(); q++) {
                    JsonNode v = n.get("values").get(p).get(r).get(q);
                    values[p][r][q] = v == null || v.isNull() ? Double.NaN : v.asDouble();
                }
            }
        }
        List<String> refusals = new ArrayList<>();
        n.get("refusals").forEach(r -> refusals.add(r.asText()));
        String shard = n.get("shard") == null || n.get("shard").isNull() ? null : n.get("shard").asText();
        return new SweepJson(definition, shard, new SweepTable(n.get("scenario").asText(), parameters, points, seeds,
                quantities, values, refusals));
    }
}
