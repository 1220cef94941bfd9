package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import java.util.Objects;
import java.util.Optional;

/**
 * The tables and Flyway's history of a database, read in one read transaction, so that they agree
 * even while another process migrates it.
 *
 * @param existing what the database holds
 * @param history Flyway's rows, if it has a history
 */
record Snapshot(ExistingSchema existing, Optional<RecordedHistory> history) {

    Snapshot {
        Objects.requireNonNull(existing, "existing");
        Objects.requireNonNull(history, "history");
    }

    static Snapshot read(SqliteDatabase database) {
        return database.snapshot(statements -> {
            ExistingSchema existing = ExistingSchema.read(statements.connection());
            return new Snapshot(existing, RecordedHistory.read(statements.connection(), existing));
        });
    }

    /**
     * Whether the database is at {@code head} exactly as this build would leave it: a plain history
     * whose newest version is head, no version this build does not ship, every applied script's
     * checksum the shipped one, and the tables what head makes. A start-up then has nothing to do
     * and needs no Flyway.
     */
    boolean atHeadAsShipped(String head) {
        return history.filter(RecordedHistory::plain)
                .filter(recorded -> recorded.current().equals(Optional.of(head)))
                .filter(recorded -> recorded.unknown(ShippedMigrations.versions()).isEmpty())
                .filter(RecordedHistory::checksumsMatch)
                .isPresent()
                && Drifts.detect(existing, Optional.of(head)).isEmpty();
    }
}
