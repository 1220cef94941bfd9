package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A version of the SQLite library, as {@code sqlite_version()} reports it.
 *
 * @param major e.g. 3
 * @param minor e.g. 9
 * @param patch e.g. 0
 */
public record SqliteVersion(int major, int minor, int patch) implements Comparable<SqliteVersion> {

    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\.(\\d+)(?:\\.(\\d+))?.*");
    private static final Comparator<SqliteVersion> ORDER = Comparator.comparingInt(SqliteVersion::major)
            .thenComparingInt(SqliteVersion::minor)
            .thenComparingInt(SqliteVersion::patch);

    /** Checks that no part is negative. */
    public SqliteVersion {
        if (major < 0 || minor < 0 || patch < 0) {
            throw new IllegalArgumentException("version parts must not be negative: " + major + "." + minor + "." + patch);
        }
    }

    /**
     * Reads a version such as {@code 3.46.1} or {@code 3.9}.
     *
     * @throws IllegalArgumentException if the text does not start with a version number
     */
    public static SqliteVersion parse(String text) {
        Matcher matcher = FORMAT.matcher(text.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("not an SQLite version: " + text);
        }
        return new SqliteVersion(Integer.parseInt(matcher.group(1)), Integer.parseInt(matcher.group(2)),
                matcher.group(3) == null ? 0 : Integer.parseInt(matcher.group(3)));
    }

    /** Returns whether this version is {@code other} or newer. */
    public boolean isAtLeast(SqliteVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(SqliteVersion other) {
        return ORDER.compare(this, other);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
