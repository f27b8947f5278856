package io.kubesim.scenarios.traffic;

import io.kubesim.engine.SimTime;
import io.kubesim.traffic.RateSeries;
import java.util.TreeSet;

/**
 * Reads the Azure Functions 2019 invocation matrix ({@code HashOwner,HashApp,HashFunction,Trigger,
 * 480,...,959}): one row per function, one column per minute of the day with that minute's
 * invocations. Picks one function (its HashFunction, or a unique prefix of it) or sums every row;
 * the series starts at the first minute column, one step per minute, rate {@code count / 60} per
 * second, and 0 after the last minute.
 */
final class AzureFunctionsTrace {
    static final String FUNCTION_COLUMN = "HashFunction";

    private AzureFunctionsTrace() {
    }

    static RateSeries read(CsvCursor csv, TraceOptions options, OptionErrors errors) {
        if (!csv.next()) {
            throw csv.fileError("empty trace: expected the header HashOwner,HashApp,HashFunction,Trigger,<minutes>...");
        }
        int fnCol = csv.indexOf(FUNCTION_COLUMN);
        if (fnCol < 0) {
            throw csv.error(0, "expected a HashFunction column in the header of an azure-functions-2019 trace");
        }
        int firstMinute = firstMinuteColumn(csv);
        int width = csv.size();
        String wanted = options.function() == null ? TraceOptions.ALL_FUNCTIONS : options.function();
        boolean all = wanted.equals(TraceOptions.ALL_FUNCTIONS);
        long[] sums = all ? new long[width - firstMinute] : null;
        Selection exact = new Selection(width - firstMinute);
        Selection prefixed = new Selection(width - firstMinute);
        while (csv.next()) {
            if (csv.size() != width) {
                throw csv.error(Math.min(csv.size(), width) - 1, "expected " + width + " columns as in the header, got "
                        + csv.size());
            }
            String fn = csv.field(fnCol);
            if (all) {
                addRow(csv, firstMinute, sums);
            } else if (fn.equals(wanted)) {
                if (exact.rows > 0) {
                    throw csv.error(fnCol, "function " + wanted + " appears in more than one row");
                }
                exact.add(csv, fn, firstMinute);
            } else if (fn.startsWith(wanted)) {
                prefixed.add(csv, fn, firstMinute);
            }
        }
        if (!all) {
            sums = select(wanted, exact, prefixed, errors);
        }
        long[] times = new long[sums.length + 1];
        double[] rates = new double[times.length];
        for (int i = 0; i <= sums.length; i++) {
            times[i] = i * SimTime.MICROS_PER_MINUTE;
            rates[i] = i < sums.length ? sums[i] / 60.0 : 0;
        }
        return new RateSeries(times, rates);
    }

    /** The exact match, else the only prefix match; an error for none or several. */
    private static long[] select(String wanted, Selection exact, Selection prefixed, OptionErrors errors) {
        if (exact.rows == 1) {
            return exact.sums;
        }
        if (prefixed.rows == 0) {
            throw errors.at("function", "no function \"" + wanted + "\" in the trace's " + FUNCTION_COLUMN
                    + " column (use a HashFunction value, a unique prefix of one, or all)");
        }
        if (prefixed.rows > 1) {
            throw errors.at("function", "\"" + wanted + "\" is the prefix of " + prefixed.rows + " functions ("
                    + String.join(", ", prefixed.names.stream().limit(3).toList())
                    + (prefixed.rows > 3 ? ", ..." : "") + "); give more of the hash");
        }
        return prefixed.sums;
    }

    /** The rows that match one way: how many, their names in order, the first one's counts. */
    private static final class Selection {
        final long[] sums;
        final TreeSet<String> names = new TreeSet<>();
        int rows;

        Selection(int minutes) {
            sums = new long[minutes];
        }

        void add(CsvCursor csv, String name, int firstMinute) {
            rows++;
            names.add(name);
            if (rows == 1) {
                addRow(csv, firstMinute, sums);
            }
        }
    }

    private static void addRow(CsvCursor csv, int firstMinute, long[] sums) {
        for (int i = 0; i < sums.length; i++) {
            sums[i] += invocations(csv, firstMinute + i);
        }
    }

    /** The first of the minute columns: integers that count up by one to the end of the header. */
    private static int firstMinuteColumn(CsvCursor header) {
        int first = header.size();
        while (first > 0 && isInteger(header.field(first - 1))) {
            first--;
        }
        if (first == header.size()) {
            throw header.error(header.size() - 1, "expected minute-of-day columns (480, 481, ...) at the end of the header");
        }
        for (int i = first + 1; i < header.size(); i++) {
            if (Long.parseLong(header.field(i)) != Long.parseLong(header.field(i - 1)) + 1) {
                throw header.error(i, "minute columns must count up by one: " + header.field(i) + " follows "
                        + header.field(i - 1));
            }
        }
        return first;
    }

    private static boolean isInteger(String s) {
        return !s.isEmpty() && s.length() < 10 && s.chars().allMatch(Character::isDigit);
    }

    private static long invocations(CsvCursor csv, int col) {
        String s = csv.field(col);
        if (!isInteger(s)) {
            throw csv.error(col, "expected a number of invocations (an integer of 0 or more), got \"" + s + "\"");
        }
        return Long.parseLong(s);
    }
}
