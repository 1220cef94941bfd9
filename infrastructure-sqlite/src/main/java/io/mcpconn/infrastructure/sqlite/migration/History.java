package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.FlywayHistory;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.jdbc.migration.SchemaVersion;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;

/** {@link SchemaMigrator#current} and {@link SchemaMigrator#history}: where the schema stands, and how it got there. */
final class History {

    private final MigrationContext context;

    History(MigrationContext context) {
        this.context = context;
    }

    SchemaStatus current() {
        return context.guarded("read the schema version of", () -> {
            // The tables and the history from one snapshot: read apart, another process's upgrade
            // in between looks like drift.
            Snapshot snapshot = Snapshot.read(context.database());
            if (snapshot.history().map(RecordedHistory::plain).orElse(true)) {
                return current(snapshot);
            }
            return currentByFlyway(snapshot.existing());
        });
    }

    /** Where the schema stands as Flyway reads its history: for histories with rows only Flyway knows. */
    SchemaStatus currentByFlyway(ExistingSchema existing) {
        return context.guarded("read the schema version of", () -> {
            Flyway flyway = context.flyway();
            List<String> pending = Arrays.stream(flyway.info().pending()).filter(MigrationInfo::isVersioned)
                    .map(info -> info.getVersion().getVersion()).toList();
            List<String> shipped = ShippedMigrations.versions();
            List<String> unknown = Arrays.stream(flyway.info().applied()).filter(MigrationInfo::isVersioned)
                    .map(info -> info.getVersion().getVersion())
                    .filter(version -> !version.equals("0") && !shipped.contains(version))
                    .distinct().toList();
            Optional<String> current = Flyways.currentVersion(flyway);
            return new SchemaStatus(context.file().toString(), true, current, ShippedMigrations.head(),
                    pending, unmanagedNote(existing, current), unknown, Drifts.detect(existing, current));
        });
    }

    /** Where the schema stands, from a plain history: without Flyway, which reads it the same way. */
    private SchemaStatus current(Snapshot snapshot) {
        List<String> shipped = ShippedMigrations.versions();
        Optional<String> current = snapshot.history().flatMap(RecordedHistory::current);
        List<String> pending = shipped.stream()
                .filter(version -> current.map(applied -> SchemaVersion.newer(version, applied)).orElse(true))
                .toList();
        List<String> unknown = snapshot.history().map(history -> history.unknown(shipped)).orElse(List.of());
        return new SchemaStatus(context.file().toString(), true, current, ShippedMigrations.head(), pending,
                unmanagedNote(snapshot.existing(), current), unknown, Drifts.detect(snapshot.existing(), current));
    }

    List<HistoryEntry> entries() {
        return context.guarded("read the migration history of", () -> FlywayHistory.entries(
                context.flyway().info().all(),
                version -> ShippedMigrations.find(version).map(ShippedMigration::description), History::utc));
    }

    /**
     * Flyway writes installed_on as SQLite's UTC text, and the driver reads that text as local
     * time; reading the local fields back as UTC undoes the shift.
     */
    private static Instant utc(Date installedOn) {
        return LocalDateTime.ofInstant(installedOn.toInstant(), ZoneId.systemDefault()).toInstant(ZoneOffset.UTC);
    }

    private static Optional<String> unmanagedNote(ExistingSchema existing, Optional<String> current) {
        if (existing.hasHistory() && current.isEmpty() && existing.connectionsTable().isEmpty()
                && existing.alembicRevisions().contains(ExistingSchema.SEED_REVISION)) {
            return Optional.of(Downgrade.alembicStale());
        }
        if (existing.hasHistory() && current.isEmpty() && existing.connectionsTable().isPresent()) {
            boolean v1 = existing.connectionsTable().get().differencesFrom(ExpectedSchema.at("1").orElseThrow()).isEmpty();
            return Optional.of("mcp_connections exists although no migration is recorded (" + existing.alembicNote()
                    + "); " + (v1 ? "it matches V1, so an upgrade records V1 as applied and goes on"
                            : "it does not match V1, so an upgrade refuses it"));
        }
        if (existing.hasHistory() || existing.connectionsTable().isEmpty()) {
            return Optional.empty();
        }
        List<String> differences = existing.connectionsTable().get()
                .differencesFrom(ExpectedSchema.at("1").orElseThrow());
        return Optional.of("mcp_connections exists without migration history (" + existing.alembicNote() + "); "
                + (differences.isEmpty()
                        ? "it matches V1, so mcpconn db upgrade records V1 as applied and goes on"
                        : "it does not match V1 (" + differences.size() + " difference(s)), so mcpconn db upgrade"
                                + " refuses it; see mcpconn db verify, then mcpconn db stamp"));
    }
}
