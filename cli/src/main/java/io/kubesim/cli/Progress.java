package io.kubesim.cli;

import io.kubesim.engine.SimTime;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * The progress line of a long run on a terminal: simulated time against the total, events per
 * wall second, wall time and the estimated time left, redrawn in place with a carriage return
 * and wiped when the run ends, e.g.
 * <pre>
 * kubesim: simulated 12m5s / 30m (40%), 1.2M events/s, wall 0:07, ETA 0:11
 * </pre>
 *
 * <p>It stays silent for the first {@link #THRESHOLD_NANOS two seconds} (a short run prints
 * nothing), redraws at most {@link #MIN_REDRAW_NANOS four times a second}, and is off altogether
 * when stderr is not a terminal or with {@code -q}: a pipe, a log file or CI never sees it. It only
 * reads the engine's clock from outside, between the slices of virtual time the CLI runs
 * ({@link SlicedRun}); the wall clock it reads never reaches the simulation or a file.
 *
 * <p>Thread-safe: {@code capacity} reports the runs of a batch from its worker threads.
 */
final class Progress {
    /** Runs shorter than this (wall time) show no line. */
    static final long THRESHOLD_NANOS = 2_000_000_000L;
    /** At most one redraw per this interval (four a second). */
    static final long MIN_REDRAW_NANOS = 250_000_000L;
    /** The ETA is the rest of the run at the pace of this much recent wall time (30 s). */
    static final long ETA_WINDOW_NANOS = 30_000_000_000L;

    private final PrintWriter err;
    private final boolean shown;
    private final LongSupplier nanoTime;
    private final long started;
    private String label = "kubesim";
    private long phaseStarted;
    private long lastDrawn = Long.MIN_VALUE;
    private int drawnWidth;
    /** (wall nanos, simulated micros) at each redraw within the last {@link #ETA_WINDOW_NANOS}. */
    private final java.util.ArrayDeque<long[]> recent = new java.util.ArrayDeque<>();

    /**
     * @param err      where the line goes (stderr)
     * @param shown    false to print nothing at all (not a terminal, or {@code -q})
     * @param nanoTime the wall clock ({@code System::nanoTime}; a fake one in tests)
     */
    Progress(PrintWriter err, boolean shown, LongSupplier nanoTime) {
        this.err = err;
        this.shown = shown;
        this.nanoTime = nanoTime;
        this.started = nanoTime.getAsLong();
        this.phaseStarted = started;
    }

    /** The line on the process's stderr, shown when it is a terminal and the command is not quiet. */
    static Progress onStderr(PrintWriter err, boolean quiet) {
        return of(err, quiet, stderrIsTerminal(), System::nanoTime);
    }

    /** Shown only on a terminal and without {@code -q}. */
    static Progress of(PrintWriter err, boolean quiet, boolean terminal, LongSupplier nanoTime) {
        return new Progress(err, !quiet && terminal, nanoTime);
    }

    /** A progress that never prints (in-process callers, tests). */
    static Progress off() {
        return new Progress(new PrintWriter(PrintWriter.nullWriter()), false, () -> 0L);
    }

    /**
     * True when this JVM talks to a terminal on stderr: a console exists (stdin and stdout are a
     * terminal) and, where Linux's /proc tells, file descriptor 2 is a terminal device too
     * ({@code kubesim run ... 2>log} shows nothing). A {@code TERM=dumb} terminal gets no line.
     */
    static boolean stderrIsTerminal() {
        if (System.console() == null || "dumb".equals(System.getenv("TERM"))) {
            return false;
        }
        Path fd2 = Path.of("/proc/self/fd/2");
        if (!Files.exists(fd2, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return true; // no /proc (macOS): the console is the best evidence there is
        }
        try {
            String target = Files.readSymbolicLink(fd2).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** Starts a new stretch of work (capacity: the runs at one size); rate and ETA are measured from here. */
    synchronized void phase(String label) {
        this.label = label;
        this.phaseStarted = nanoTime.getAsLong();
        recent.clear();
    }

    /**
     * The wall time left at the pace of the last {@link #ETA_WINDOW_NANOS} (at the first redraw,
     * the pace since the phase began, all there is then), or -1 while the simulated clock stood
     * still. A run's first simulated seconds (every pod created, scheduled and started at once)
     * cost far more than the rest, so the pace since the start would promise hours that the run
     * then does not take; the recent pace forgets the start within half a minute.
     */
    private long etaNanos(long now, long simulated, long total) {
        recent.addLast(new long[] {now, simulated});
        while (recent.size() > 1 && now - recent.peekFirst()[0] > ETA_WINDOW_NANOS) {
            recent.removeFirst();
        }
        long[] from = recent.size() > 1 ? recent.peekFirst() : new long[] {phaseStarted, 0};
        long advanced = simulated - from[1];
        if (advanced <= 0 || now <= from[0]) {
            return -1;
        }
        return (long) ((double) (now - from[0]) * Math.max(0, total - simulated) / advanced);
    }

    /**
     * The work so far in this phase: {@code simulated} of {@code total} virtual microseconds and
     * {@code events} engine events. Draws the line when it is due.
     */
    synchronized void update(long simulated, long total, long events) {
        if (!shown) {
            return;
        }
        long now = nanoTime.getAsLong();
        if (now - started < THRESHOLD_NANOS || (lastDrawn != Long.MIN_VALUE && now - lastDrawn < MIN_REDRAW_NANOS)) {
            return;
        }
        lastDrawn = now;
        String line = line(label, simulated, total, events, now - phaseStarted, now - started,
                etaNanos(now, simulated, total));
        StringBuilder sb = new StringBuilder("\r").append(line);
        for (int i = line.length(); i < drawnWidth; i++) {
            sb.append(' '); // wipe the tail of a longer previous line
        }
        drawnWidth = Math.max(drawnWidth, line.length());
        err.print(sb);
        err.flush();
    }

    /** Wipes the line if one was drawn (before other output, and at the end); the next update draws it again. */
    synchronized void clear() {
        if (drawnWidth == 0) {
            return;
        }
        err.print("\r" + " ".repeat(drawnWidth) + "\r");
        err.flush();
        drawnWidth = 0;
        lastDrawn = Long.MIN_VALUE;
    }

    /**
     * The text of the line. Events per second and the ETA are measured over {@code phaseNanos}
     * (this ETA assumes the rest of the simulated time costs what the first part did; a redraw
     * passes the recent pace's instead);
     * {@code elapsedNanos} is the wall time since the command started.
     */
    static String line(String label, long simulated, long total, long events, long phaseNanos, long elapsedNanos) {
        long done = Math.max(0, Math.min(simulated, total));
        return line(label, simulated, total, events, phaseNanos, elapsedNanos,
                done <= 0 || phaseNanos <= 0 ? -1 : (long) ((double) phaseNanos * (total - done) / done));
    }

    /** The line with the ETA given ({@code etaNanos}; negative shows {@code --}). */
    static String line(String label, long simulated, long total, long events, long phaseNanos, long elapsedNanos,
                       long etaNanos) {
        long done = Math.max(0, Math.min(simulated, total));
        int percent = total <= 0 ? 100 : (int) (100 * done / total);
        double phaseSeconds = phaseNanos / 1e9;
        String eta = etaNanos < 0 ? "--" : clock(etaNanos);
        return String.format(Locale.ROOT, "%s: simulated %s / %s (%d%%), %s events/s, wall %s, ETA %s", label,
                duration(done), duration(total), percent, rate(phaseSeconds <= 0 ? 0 : events / phaseSeconds),
                clock(elapsedNanos), eta);
    }

    /** Virtual time in whole seconds, trailing zero units left out: 12m5s, 30m, 1h30m, 24h. */
    static String duration(long micros) {
        return SimTime.format(micros - micros % SimTime.MICROS_PER_SECOND)
                .replaceAll("(?<=[hm])0s$", "").replaceAll("(?<=h)0m$", "");
    }

    /** 950, 12.3k, 1.2M. */
    static String rate(double perSecond) {
        if (perSecond < 1_000) {
            return String.format(Locale.ROOT, "%d", Math.round(perSecond));
        }
        if (perSecond < 1_000_000) {
            return String.format(Locale.ROOT, "%.1fk", perSecond / 1e3);
        }
        return String.format(Locale.ROOT, "%.1fM", perSecond / 1e6);
    }

    /** Wall time as m:ss, or h:mm:ss from an hour. */
    static String clock(long nanos) {
        long s = Math.max(0, nanos / 1_000_000_000L);
        if (s >= 3600) {
            return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
    }
}
