package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A schema version as Flyway orders it ({@code "1" < "2" < "10"}), and the words a caller may use
 * for one: {@value #HEAD}, {@value #BASE}, {@code V2}, or the seed's
 * Alembic revision {@code ff4b1a18d2f0} for V1.
 *
 * @param value the version, e.g. {@code "2"}
 */
public record SchemaVersion(String value) implements Comparable<SchemaVersion> {

    /** The version before any migration, as a downgrade or stamp target. */
    public static final String BASE = "base";
    /** The newest version this build ships, as a target. */
    public static final String HEAD = "head";
    /** The seed's Alembic revision, whose table is V1's. */
    public static final String SEED_REVISION = "ff4b1a18d2f0";

    /** Checks that {@code value} is a version Flyway can order. */
    public SchemaVersion {
        Objects.requireNonNull(value, "value");
        if (value.isBlank() || !value.chars().allMatch(c -> Character.isDigit(c) || c == '.' || c == '_')) {
            throw new IllegalArgumentException("not a schema version: '" + value + "'");
        }
    }

    /** Returns whether {@code version} is newer than {@code than}. */
    public static boolean newer(String version, String than) {
        return new SchemaVersion(version).compareTo(new SchemaVersion(than)) > 0;
    }

    /**
     * Reads a version as a caller writes it, against the shipped versions.
     *
     * @param requested e.g. {@code "2"}, {@code "V2"}, {@code "head"}, {@code "base"}
     * @param allowBase whether {@value #BASE} (or {@code 0}) is acceptable, as it is
     *     for a downgrade or a stamp
     * @param shipped the shipped versions, oldest first
     * @return the shipped version meant, or {@value #BASE}; empty if it is none of them
     */
    public static Optional<String> resolve(String requested, boolean allowBase, List<String> shipped) {
        String version = requested.strip();
        if (version.length() > 1 && (version.charAt(0) == 'V' || version.charAt(0) == 'v')
                && Character.isDigit(version.charAt(1))) {
            version = version.substring(1);
        }
        String lower = version.toLowerCase(Locale.ROOT);
        if (lower.equals(HEAD)) {
            return shipped.isEmpty() ? Optional.empty() : Optional.of(shipped.get(shipped.size() - 1));
        }
        if (allowBase && (lower.equals(BASE) || lower.equals("0"))) {
            return Optional.of(BASE);
        }
        if (lower.equals(SEED_REVISION)) {
            return Optional.of("1");
        }
        return shipped.contains(version) ? Optional.of(version) : Optional.empty();
    }

    @Override
    public int compareTo(SchemaVersion other) {
        return MigrationVersion.fromVersion(value).compareTo(MigrationVersion.fromVersion(other.value));
    }
}
