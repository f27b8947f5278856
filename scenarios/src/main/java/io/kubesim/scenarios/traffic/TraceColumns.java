package io.kubesim.scenarios.traffic;

/** Finds a named column in a trace's header row, or the default one. */
final class TraceColumns {
    private TraceColumns() {
    }

    /** The index of {@code name} in the header row, or {@code fallback} when no name is given. */
    static int find(CsvCursor header, String name, int fallback, OptionErrors errors) {
        if (name == null) {
            if (fallback >= header.size()) {
                throw header.error(header.size() - 1, "expected at least " + (fallback + 1) + " columns in the header, got "
                        + header.size());
            }
            return fallback;
        }
        int i = header.indexOf(name);
        if (i < 0) {
            throw errors.at("column", "no column \"" + name + "\" in the trace's header (columns: "
                    + String.join(", ", header.fields()) + ")");
        }
        return i;
    }
}
