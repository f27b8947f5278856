package io.kubesim.scenarios.traffic;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/**
 * Parses trace timestamps to microseconds since the epoch: ISO-8601 with or without an offset
 * ({@code 1995-07-01T00:00:00-04:00}, {@code 2023-11-16T18:15:46Z}), or with a space instead of
 * the {@code T} ({@code 2023-11-16 18:15:46.6805900}, .NET style, up to 9 fractional digits).
 * A timestamp without an offset is taken as UTC; only differences between timestamps matter.
 * Sub-microsecond digits are rounded half up ({@code .6805905} is 680,591 µs).
 */
final class TraceTimestamps {
    private TraceTimestamps() {
    }

    /** Microseconds since 1970-01-01T00:00Z; IllegalArgumentException with a reason if not a timestamp. */
    static long parseMicros(String text) {
        String iso = text.length() > 10 && text.charAt(10) == ' ' ? text.substring(0, 10) + 'T' + text.substring(11) : text;
        Instant instant;
        try {
            if (hasOffset(iso)) {
                instant = OffsetDateTime.parse(iso).toInstant();
            } else {
                instant = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
            }
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("expected a timestamp such as 2023-11-16 18:15:46.6805900 or "
                    + "1995-07-01T00:00:00-04:00, got \"" + text + "\"");
        }
        try {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), (instant.getNano() + 500) / 1000);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("expected a timestamp between the years -290000 and 290000, got \""
                    + text + "\"");
        }
    }

    private static boolean hasOffset(String iso) {
        int t = iso.indexOf('T');
        if (t < 0) {
            return false;
        }
        String time = iso.substring(t + 1);
        return time.endsWith("Z") || time.endsWith("z") || time.indexOf('+') >= 0 || time.indexOf('-') >= 0;
    }
}
