package io.mcpconn.infrastructure.sqlite.migration;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationVersion;

/**
 * A schema version as Flyway orders it ({@code "1" < "2" < "10"}), and the words a caller may use
 * for one: {@value SchemaMigrator#HEAD}, {@value SchemaMigrator#BASE}, {@code V2}, or the seed's
 * Alembic revision {@code ff4b1a18d2f0} for V1.
 *
 * @param value the version, e.g. {@code "2"}
 */
public record SchemaVersion(String value) implements Comparable<SchemaVersion> {

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
     * @param allowBase whether {@value SchemaMigrator#BASE} (or {@code 0}) is acceptable, as it is
     *     for a downgrade or a stamp
     * @param shipped the shipped versions, oldest first
     * @return the shipped version meant, or {@value SchemaMigrator#BASE}; empty if it is none of them
     */
    public static Optional<String> resolve(String requested, boolean allowBase, List<String> shipped) {
        String version = requested.strip();
        if (version.length() > 1 && (version.charAt(0) == 'V' || version.charAt(0) == 'v')
                && Character.isDigit(version.charAt(1))) {
            version = version.substring(1);
        }
        String lower = version.toLowerCase(Locale.ROOT);
        if (lower.equals(SchemaMigrator.HEAD)) {
            return shipped.isEmpty() ? Optional.empty() : Optional.of(shipped.get(shipped.size() - 1));
        }
        if (allowBase && (lower.equals(SchemaMigrator.BASE) || lower.equals("0"))) {
            return Optional.of(SchemaMigrator.BASE);
        }
        if (lower.equals(ExistingSchema.SEED_REVISION)) {
            return Optional.of("1");
        }
        return shipped.contains(version) ? Optional.of(version) : Optional.empty();
    }

    @Override
    public int compareTo(SchemaVersion other) {
        return MigrationVersion.fromVersion(value).compareTo(MigrationVersion.fromVersion(other.value));
    }
}
