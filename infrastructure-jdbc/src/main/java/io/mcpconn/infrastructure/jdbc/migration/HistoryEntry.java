package io.mcpconn.infrastructure.jdbc.migration;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of the migration history (the seed's {@code alembic history}): a shipped migration,
 * applied or not, or an applied one this build does not ship.
 *
 * @param version the version
 * @param description what it does
 * @param state whether and how it is applied
 * @param appliedAt when it was applied or recorded, if it was
 * @param checksum whether the applied script is the shipped one
 */
public record HistoryEntry(String version, String description, State state, Optional<Instant> appliedAt,
        Checksum checksum) {

    /** Whether and how a migration is applied. */
    public enum State {
        /** Run by a migration. */
        APPLIED,
        /**
         * Run, then run again by an upgrade that healed drift: another tool had dropped what it
         * made; the date is when it ran again.
         */
        REAPPLIED,
        /** Recorded as applied without running it: the schema was there already (baseline or stamp). */
        BASELINE,
        /** Shipped, not applied yet. */
        PENDING,
        /** Recorded as failed; SQLite rolls failed migrations back, so only another tool leaves this. */
        FAILED,
        /** Applied, but this build does not ship it (a newer build applied it). */
        NOT_SHIPPED
    }

    /** How the applied script compares with the shipped one. */
    public enum Checksum {
        /** The same script. */
        MATCHES,
        /** The script was changed after it was applied. */
        MISMATCH,
        /** Nothing to compare: pending, recorded without a script, or not shipped. */
        NONE
    }

    /** Checks the fields. */
    public HistoryEntry {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(appliedAt, "appliedAt");
        Objects.requireNonNull(checksum, "checksum");
    }
}
