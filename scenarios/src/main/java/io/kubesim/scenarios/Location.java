package io.kubesim.scenarios;

/**
 * A place in an input file, 1-based line and column, so every message can point at what the
 * user wrote. {@code line} 0 means the whole file (e.g. it could not be opened).
 */
public record Location(String file, int line, int column) {
    public Location {
        file = file == null ? "" : file;
    }

    /** The whole file, for errors that have no better place (missing file, empty stream). */
    public static Location ofFile(String file) {
        return new Location(file, 0, 0);
    }

    /** {@code FILE:LINE:COL}, or just {@code FILE} when the line is unknown. */
    @Override
    public String toString() {
        return line <= 0 ? file : file + ":" + line + ":" + column;
    }
}
