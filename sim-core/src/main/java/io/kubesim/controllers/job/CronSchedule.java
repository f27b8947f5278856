package io.kubesim.controllers.job;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A CronJob schedule as the controller parses it ({@code cron.ParseStandard} of
 * github.com/robfig/cron/v3, k8s-semantics.md 13.8): five fields {@code minute hour day-of-month
 * month day-of-week} with {@code *} (or {@code ?}), lists, ranges, steps ({@code *}/5,
 * {@code 1-30/10}, {@code 5/15} meaning 5 to the maximum), month and weekday names
 * ({@code jan}, {@code mon}, any case), the descriptors {@code @yearly}/{@code @annually},
 * {@code @monthly}, {@code @weekly}, {@code @daily}/{@code @midnight}, {@code @hourly} and
 * {@code @every <duration>}. Day of month and day of week follow classic cron: when both are
 * restricted either matching is enough; when one is {@code *} (or {@code ?}) the other alone decides.
 *
 * <pre>{@code
 * CronSchedule s = CronSchedule.parse("*\/15 9-17 * * mon-fri");
 * ZonedDateTime next = s.next(ZonedDateTime.parse("2026-01-02T17:50:00Z")); // 2026-01-05T09:00Z (a Monday)
 * }</pre>
 */
public final class CronSchedule {
    /** Parse failures carry robfig/cron's reason, e.g. {@code end of range (60) above maximum (59): 0-60}. */
    public static final class InvalidScheduleException extends IllegalArgumentException {
        public InvalidScheduleException(String message) {
            super(message);
        }
    }

    private static final long STAR = 1L << 63;
    private static final Map<String, Integer> MONTHS = Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12));
    private static final Map<String, Integer> DAYS = Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6);

    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    private final long daysOfWeek;
    /** For {@code @every}: the constant delay in seconds (0 for a cron schedule). */
    private final long everySeconds;

    private CronSchedule(long minutes, long hours, long daysOfMonth, long months, long daysOfWeek, long everySeconds) {
        this.minutes = minutes;
        this.hours = hours;
        this.daysOfMonth = daysOfMonth;
        this.months = months;
        this.daysOfWeek = daysOfWeek;
        this.everySeconds = everySeconds;
    }

    /**
     * Parses a schedule; throws {@link InvalidScheduleException} with robfig/cron's reason when the
     * API server's validation would refuse it.
     */
    public static CronSchedule parse(String spec) {
        String s = spec == null ? "" : spec.trim();
        if (s.isEmpty()) {
            throw new InvalidScheduleException("empty spec string");
        }
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            throw new InvalidScheduleException("cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
        }
        if (s.startsWith("@")) {
            return descriptor(s);
        }
        String[] f = s.split("\\s+");
        if (f.length != 5) {
            throw new InvalidScheduleException("expected exactly 5 fields, found " + f.length + ": " + s);
        }
        return new CronSchedule(field(f[0], 0, 59, Map.of()), field(f[1], 0, 23, Map.of()),
                field(f[2], 1, 31, Map.of()), field(f[3], 1, 12, MONTHS), field(f[4], 0, 6, DAYS), 0);
    }

    private static CronSchedule descriptor(String s) {
        switch (s) {
            case "@yearly", "@annually" -> {
                return new CronSchedule(bit(0), bit(0), bit(1), bit(1), all(0, 6) | STAR, 0);
            }
            case "@monthly" -> {
                return new CronSchedule(bit(0), bit(0), bit(1), all(1, 12) | STAR, all(0, 6) | STAR, 0);
            }
            case "@weekly" -> {
                return new CronSchedule(bit(0), bit(0), all(1, 31) | STAR, all(1, 12) | STAR, bit(0), 0);
            }
            case "@daily", "@midnight" -> {
                return new CronSchedule(bit(0), bit(0), all(1, 31) | STAR, all(1, 12) | STAR, all(0, 6) | STAR, 0);
            }
            case "@hourly" -> {
                return new CronSchedule(bit(0), all(0, 23) | STAR, all(1, 31) | STAR, all(1, 12) | STAR,
                        all(0, 6) | STAR, 0);
            }
            default -> {
                if (s.startsWith("@every ")) {
                    long seconds = GoDuration.seconds(s.substring("@every ".length()).trim());
                    return new CronSchedule(0, 0, 0, 0, 0, Math.max(1, seconds));
                }
                throw new InvalidScheduleException("unrecognized descriptor: " + s);
            }
        }
    }

    /** One field: comma-separated ranges, each {@code *}, {@code ?}, {@code a}, {@code a-b}, with an optional {@code /step}. */
    private static long field(String field, int min, int max, Map<String, Integer> names) {
        long bits = 0;
        for (String range : field.split(",", -1)) {
            bits |= range(range, min, max, names);
        }
        return bits;
    }

    private static long range(String expr, int min, int max, Map<String, Integer> names) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean single = lowAndHigh.length == 1;
        int start;
        int end;
        long extra = 0;
        if (lowAndHigh[0].equals("*") || lowAndHigh[0].equals("?")) {
            start = min;
            end = max;
            extra = STAR;
        } else {
            start = value(lowAndHigh[0], names);
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                end = value(lowAndHigh[1], names);
            } else {
                throw new InvalidScheduleException("too many hyphens: " + expr);
            }
        }
        int step;
        if (rangeAndStep.length == 1) {
            step = 1;
        } else if (rangeAndStep.length == 2) {
            step = number(rangeAndStep[1]);
            if (single) {
                end = max; // "N/step" means "N-max/step"
            }
            if (step > 1) {
                extra = 0;
            }
        } else {
            throw new InvalidScheduleException("too many slashes: " + expr);
        }
        if (start < min) {
            throw new InvalidScheduleException("beginning of range (" + start + ") below minimum (" + min + "): " + expr);
        }
        if (end > max) {
            throw new InvalidScheduleException("end of range (" + end + ") above maximum (" + max + "): " + expr);
        }
        if (start > end) {
            throw new InvalidScheduleException("beginning of range (" + start + ") beyond end of range (" + end
                    + "): " + expr);
        }
        if (step == 0) {
            throw new InvalidScheduleException("step of range should be a positive number: " + expr);
        }
        long bits = 0;
        for (int i = start; i <= end; i += step) {
            bits |= 1L << i;
        }
        return bits | extra;
    }

    private static int value(String s, Map<String, Integer> names) {
        Integer named = names.get(s.toLowerCase(Locale.ROOT));
        return named != null ? named : number(s);
    }

    private static int number(String s) {
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) {
            throw new InvalidScheduleException("failed to parse int from " + s);
        }
        return Integer.parseInt(s);
    }

    private static long bit(int i) {
        return 1L << i;
    }

    private static long all(int min, int max) {
        long bits = 0;
        for (int i = min; i <= max; i++) {
            bits |= 1L << i;
        }
        return bits;
    }

    /**
     * The first activation strictly after {@code t} (at a whole minute, in {@code t}'s zone), as
     * robfig/cron's SpecSchedule.Next walks it: month, then day, then hour, then minute, each jump
     * resetting the smaller fields. Null when nothing matches within five years (e.g. 30 February).
     */
    public ZonedDateTime next(ZonedDateTime t) {
        if (everySeconds > 0) {
            return t.truncatedTo(ChronoUnit.SECONDS).plusSeconds(everySeconds);
        }
        ZonedDateTime c = t.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        int yearLimit = c.getYear() + 5;
        while (c.getYear() <= yearLimit) {
            if ((months & bit(c.getMonthValue())) == 0) {
                c = c.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1).plusMonths(1);
            } else if (!dayMatches(c)) {
                c = c.truncatedTo(ChronoUnit.DAYS).plusDays(1);
            } else if ((hours & bit(c.getHour())) == 0) {
                c = c.truncatedTo(ChronoUnit.HOURS).plusHours(1);
            } else if ((minutes & bit(c.getMinute())) == 0) {
                c = c.plusMinutes(1);
            } else {
                return c;
            }
        }
        return null;
    }

    /** The next activation after the instant {@code epochSeconds}, in {@code zone}; -1 when none. */
    public long nextEpochSeconds(long epochSeconds, ZoneId zone) {
        ZonedDateTime n = next(Instant.ofEpochSecond(epochSeconds).atZone(zone));
        return n == null ? -1 : n.toEpochSecond();
    }

    /** Day of month and day of week: both must match when either is *, else either may (classic cron). */
    private boolean dayMatches(ZonedDateTime t) {
        boolean dom = (daysOfMonth & bit(t.getDayOfMonth())) != 0;
        boolean dow = (daysOfWeek & bit(t.getDayOfWeek().getValue() % 7)) != 0;
        if ((daysOfMonth & STAR) != 0 || (daysOfWeek & STAR) != 0) {
            return dom && dow;
        }
        return dom || dow;
    }

    /** Go's time.ParseDuration for {@code @every}: a sequence such as {@code 1h30m}, {@code 90s}, {@code 2m}. */
    private static final class GoDuration {
        private static final List<Map.Entry<String, Double>> UNITS = List.of(Map.entry("ns", 1e-9),
                Map.entry("us", 1e-6), Map.entry("µs", 1e-6), Map.entry("ms", 1e-3), Map.entry("s", 1.0),
                Map.entry("m", 60.0), Map.entry("h", 3600.0));

        static long seconds(String s) {
            if (s.isEmpty()) {
                throw new InvalidScheduleException("failed to parse duration @every " + s + ": invalid duration");
            }
            double total = 0;
            int i = 0;
            while (i < s.length()) {
                int j = i;
                while (j < s.length() && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '.')) {
                    j++;
                }
                int k = j;
                while (k < s.length() && !Character.isDigit(s.charAt(k)) && s.charAt(k) != '.') {
                    k++;
                }
                Double unit = null;
                for (Map.Entry<String, Double> u : UNITS) {
                    if (u.getKey().equals(s.substring(j, k))) {
                        unit = u.getValue();
                    }
                }
                if (j == i || unit == null) {
                    throw new InvalidScheduleException("failed to parse duration @every " + s
                            + ": invalid duration \"" + s + "\"");
                }
                try {
                    total += Double.parseDouble(s.substring(i, j)) * unit;
                } catch (NumberFormatException e) {
                    throw new InvalidScheduleException("failed to parse duration @every " + s
                            + ": invalid duration \"" + s + "\"");
                }
                i = k;
            }
            return (long) total;
        }
    }
}
