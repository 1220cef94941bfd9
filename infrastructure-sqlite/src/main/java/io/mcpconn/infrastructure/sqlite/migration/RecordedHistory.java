package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.database.AppliedVersions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Flyway's history table as its rows say, read in plain JDBC: what reading commands and a start-up
 * at head need, without Flyway's set-up. Only an {@linkplain #plain() plain} history (every row
 * successful, a migration or a baseline) is read this way; anything else (a failed row, Flyway's
 * own markers) is left to Flyway, which knows its states.
 *
 * @param rows every row, in the order Flyway installed them
 */
record RecordedHistory(List<Row> rows) {

    /**
     * One row of {@code flyway_schema_history}.
     *
     * @param version its version; empty for a repeatable migration or a marker
     * @param type Flyway's type, e.g. {@code SQL} or {@code BASELINE}
     * @param checksum the script's checksum when it was applied; empty for a baseline
     * @param success whether it was applied successfully
     */
    record Row(Optional<String> version, String type, Optional<Integer> checksum, boolean success) {

        Row {
            Objects.requireNonNull(version, "version");
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(checksum, "checksum");
        }
    }

    RecordedHistory {
        rows = List.copyOf(rows);
    }

    /** The rows of {@code connection}'s history; empty when the database has none. */
    static Optional<RecordedHistory> read(Connection connection, ExistingSchema existing) throws SQLException {
        if (!existing.hasHistory()) {
            return Optional.empty();
        }
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement("SELECT version, type, checksum, success FROM "
                + ExistingSchema.HISTORY_TABLE + " ORDER BY installed_rank");
                ResultSet found = select.executeQuery()) {
            while (found.next()) {
                int checksum = found.getInt(3);
                Optional<Integer> recorded = found.wasNull() ? Optional.empty() : Optional.of(checksum);
                rows.add(new Row(Optional.ofNullable(found.getString(1)), found.getString(2), recorded,
                        found.getBoolean(4)));
            }
        }
        return Optional.of(new RecordedHistory(rows));
    }

    /** Whether every row is a successful, versioned migration or baseline: the only history read without Flyway. */
    boolean plain() {
        return rows.stream().allMatch(row -> row.success() && row.version().isPresent()
                && (row.type().equals("SQL") || row.type().equals("BASELINE")));
    }

    /** The newest applied version; a baseline at 0 counts as none. */
    Optional<String> current() {
        return AppliedVersions.newest(versions());
    }

    /** The applied versions this build does not ship (a newer build's), a baseline at 0 aside. */
    List<String> unknown(List<String> shipped) {
        return versions().stream().filter(version -> !version.equals("0") && !shipped.contains(version))
                .distinct().toList();
    }

    /** Whether every applied migration's recorded checksum is the shipped script's. */
    boolean checksumsMatch() {
        return rows.stream().filter(row -> row.type().equals("SQL"))
                .allMatch(row -> row.checksum().isPresent()
                        && ShippedMigrations.checksum(row.version().orElseThrow()).equals(row.checksum()));
    }

    private List<String> versions() {
        return rows.stream().map(Row::version).flatMap(Optional::stream).toList();
    }
}
