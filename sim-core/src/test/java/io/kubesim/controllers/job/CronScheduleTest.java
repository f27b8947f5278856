package io.kubesim.controllers.job;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.ZoneId;
import java.time.ZonedDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The schedule syntax of k8s-semantics.md 13.8 (robfig/cron ParseStandard) and next-run times. */
class CronScheduleTest {

    @ParameterizedTest(name = "{0}: \"{1}\" after {2} ({3}) is {4}")
    @CsvSource(delimiter = '|', textBlock = """
            every 5 minutes                  | */5 * * * *      | 2026-01-01T00:03:00Z | UTC              | 2026-01-01T00:05Z
            strictly after the given time    | 0 * * * *        | 2026-01-01T00:00:00Z | UTC              | 2026-01-01T01:00Z
            seconds round up to the minute   | * * * * *        | 2026-01-01T00:00:30Z | UTC              | 2026-01-01T00:01Z
            range with a step                | 10-30/10 * * * * | 2026-01-01T00:11:00Z | UTC              | 2026-01-01T00:20Z
            N/step means N to the maximum    | 50/5 * * * *     | 2026-01-01T00:56:00Z | UTC              | 2026-01-01T01:50Z
            list                             | 0 9,17 * * *     | 2026-01-01T09:30:00Z | UTC              | 2026-01-01T17:00Z
            month names                      | 0 0 1 jan,JUL *  | 2026-01-02T00:00:00Z | UTC              | 2026-07-01T00:00Z
            weekday names, Friday to Monday  | 0 9 * * mon-fri  | 2026-01-02T10:00:00Z | UTC              | 2026-01-05T09:00Z
            Sunday is 0                      | 0 0 * * 0        | 2026-01-01T00:00:00Z | UTC              | 2026-01-04T00:00Z
            both days restricted: either (Fri) | 0 0 13 * fri   | 2026-01-02T00:00:00Z | UTC              | 2026-01-09T00:00Z
            both days restricted: either (13th) | 0 0 13 * fri  | 2026-01-09T00:00:00Z | UTC              | 2026-01-13T00:00Z
            day of week * : day of month only | 0 0 13 * *      | 2026-01-02T00:00:00Z | UTC              | 2026-01-13T00:00Z
            day of week ? : day of month only | 0 0 13 * ?      | 2026-01-02T00:00:00Z | UTC              | 2026-01-13T00:00Z
            31st skips short months          | 0 0 31 * *       | 2026-01-31T00:00:00Z | UTC              | 2026-03-31T00:00Z
            @hourly                          | @hourly          | 2026-01-01T00:30:00Z | UTC              | 2026-01-01T01:00Z
            @daily                           | @daily           | 2026-01-01T00:00:00Z | UTC              | 2026-01-02T00:00Z
            @midnight                        | @midnight        | 2026-01-01T12:00:00Z | UTC              | 2026-01-02T00:00Z
            @weekly is Sunday midnight       | @weekly          | 2026-01-01T00:00:00Z | UTC              | 2026-01-04T00:00Z
            @monthly                         | @monthly         | 2026-01-01T00:00:00Z | UTC              | 2026-02-01T00:00Z
            @yearly                          | @yearly          | 2026-01-01T00:00:00Z | UTC              | 2027-01-01T00:00Z
            @annually                        | @annually        | 2026-03-01T00:00:00Z | UTC              | 2027-01-01T00:00Z
            @every                           | @every 1h30m     | 2026-01-01T00:00:00Z | UTC              | 2026-01-01T01:30Z
            timeZone: 09:00 in New York      | 0 9 * * *        | 2026-01-01T00:00:00Z | America/New_York | 2026-01-01T14:00Z
            timeZone: a time DST skips does not run that day | 30 2 * * * | 2026-03-29T00:00:00Z | Europe/Berlin | 2026-03-30T00:30Z
            """)
    void next(String name, String schedule, String from, String zone, String expected) {
        ZonedDateTime start = ZonedDateTime.parse(from).withZoneSameInstant(ZoneId.of(zone));
        ZonedDateTime next = CronSchedule.parse(schedule).next(start);
        assertEquals(ZonedDateTime.parse(expected).toInstant(), next.toInstant(), name);
    }

    @ParameterizedTest(name = "{0}: \"{1}\" is refused ({2})")
    @CsvSource(delimiter = '|', textBlock = """
            four fields           | * * * *          | expected exactly 5 fields, found 4
            six fields            | 0 * * * * *      | expected exactly 5 fields, found 6
            minute 60             | 60 * * * *       | end of range (60) above maximum (59)
            day of week 7         | * * * * 7        | end of range (7) above maximum (6)
            day of month 0        | * * 0 * *        | beginning of range (0) below minimum (1)
            reversed range        | 5-1 * * * *      | beginning of range (5) beyond end of range (1)
            step 0                | */0 * * * *      | step of range should be a positive number
            not a number          | abc * * * *      | failed to parse int from abc
            unknown month name    | 0 0 1 foo *      | failed to parse int from foo
            unknown descriptor    | @fortnightly     | unrecognized descriptor: @fortnightly
            TZ in the schedule    | TZ=UTC 0 * * * * | cannot use TZ or CRON_TZ in schedule, use timeZone field instead
            empty                 | ''               | empty spec string
            """)
    void invalid(String name, String schedule, String message) {
        var e = assertThrows(CronSchedule.InvalidScheduleException.class, () -> CronSchedule.parse(schedule));
        assertTrue(e.getMessage().contains(message), name + ": " + e.getMessage());
    }
}
