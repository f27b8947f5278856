package io.kubesim.reports;

import io.kubesim.engine.SimTime;
import io.kubesim.traffic.PodTally;
import io.kubesim.traffic.PodTraffic;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * pods.csv ({@code kubesim run --pod-series}): per sample interval and pod, the requests whose
 * outcome was recorded against the pod, those that failed, and the CPU cores its requests used,
 * {@code time,pod,workload,requests,failed,cpu_cores}. A pod has a row for every interval from its
 * first with traffic to its last; rows are ordered by time, then workload, then pod. Summed over
 * a Service's pods, {@code requests} per interval is that Service's {@code service_requests} (in
 * fluid mode up to the fractions of its expected values), and {@code cpu_cores} over a workload's
 * pods its {@code workload_request_cpu_cores}.
 */
public final class PodsCsv {
    public static final String HEADER = "time,pod,workload,requests,failed,cpu_cores";

    private PodsCsv() {
    }

    /** Writes the tally's per-interval figures ({@code tally} may be null: a run without traffic, header only). */
    public static void write(PodTally tally, Path file) throws IOException {
        try (Writer w = new BufferedWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), 1 << 16)) {
            write(tally, w);
        }
    }

    public static void write(PodTally tally, Writer w) throws IOException {
        w.write(HEADER);
        w.write('\n');
        if (tally == null) {
            return;
        }
        List<PodTraffic> pods = tally.pods();
        int from = Integer.MAX_VALUE;
        int to = -1;
        for (PodTraffic p : pods) {
            if (p.firstInterval() >= 0) {
                from = Math.min(from, p.firstInterval());
                to = Math.max(to, p.lastInterval());
            }
        }
        long interval = tally.interval();
        for (int i = Math.max(0, from); i <= to; i++) {
            String time = Json.number(SimTime.toSeconds(i * interval)).toString();
            for (PodTraffic p : pods) {
                if (p.firstInterval() < 0 || i < p.firstInterval() || i > p.lastInterval()) {
                    continue;
                }
                w.write(time);
                w.write(',');
                w.write(TimeSeriesCsv.csv(p.name()));
                w.write(',');
                w.write(p.workload() == null ? "" : TimeSeriesCsv.csv(p.workload()));
                w.write(',');
                w.write(number(p.requests(i), 1e3));
                w.write(',');
                w.write(number(p.failed(i), 1e3));
                w.write(',');
                w.write(number(p.cpuMicros(i) / interval, 1e6));
                w.write('\n');
            }
        }
    }

    private static String number(double v, double scale) {
        return Json.number(Math.round(v * scale) / scale).toString();
    }
}
