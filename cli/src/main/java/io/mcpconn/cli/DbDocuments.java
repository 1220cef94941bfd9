package io.mcpconn.cli;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.mcpconn.infrastructure.sqlite.migration.BackupCheck;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.sqlite.migration.RestoreResult;
import io.mcpconn.infrastructure.jdbc.migration.SchemaDrift;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.sqlite.migration.ShippedMigration;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import io.mcpconn.infrastructure.postgres.migration.PostgresRestoreResult;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The {@code --json} documents of {@code mcpconn db}: the library's result records as Jackson
 * serialises them, through views that say a script's field names (versions as text or null,
 * paths as text, enums in lower case) and leave out what is only for the text view.
 */
final class DbDocuments {

    private DbDocuments() {
    }

    /** A command's result after the database it worked on and where that came from. */
    @JsonPropertyOrder({"command", "database", "source"})
    record Document<T>(String command, String database, String source, @JsonUnwrapped T result) {

        static <T> Document<T> of(String command, DatabaseLocation location, T result) {
            return new Document<>(command, location.shown(), location.source(), result);
        }
    }

    record Current(boolean exists, String current, String head, boolean atHead, boolean ahead, List<String> unknown,
            List<String> pending, String unmanaged, Drift drift) {

        static Current of(SchemaStatus status) {
            return new Current(status.exists(), status.current().orElse(null), status.head(), status.atHead(),
                    status.ahead(), status.unknown(), status.pending(), status.unmanaged().orElse(null),
                    status.drift().map(Drift::of).orElse(null));
        }
    }

    /** How the tables differ from the recorded version, and the likely cause. */
    record Drift(String recorded, String cause, String explanation, List<String> differences) {

        static Drift of(SchemaDrift drift) {
            return new Drift(drift.recorded(), lower(drift.cause()), drift.explanation(), drift.differences());
        }
    }

    record History(boolean ahead, List<Migration> migrations) {

        static History of(boolean ahead, List<HistoryEntry> entries) {
            return new History(ahead, entries.stream().map(Migration::of).toList());
        }
    }

    record Migration(String version, String description, String state, String appliedAt, String checksum) {

        static Migration of(HistoryEntry entry) {
            return new Migration(entry.version(), entry.description(), lower(entry.state()),
                    entry.appliedAt().map(Object::toString).orElse(null), lower(entry.checksum()));
        }
    }

    record Head(String command, String head, String description) {

        static Head of(ShippedMigration head) {
            return new Head("head", head.version(), head.description());
        }
    }

    record Upgrade(String from, String to, List<String> applied, List<String> notes, Backup backup, Drift healed,
            List<String> reapplied) {

        static Upgrade of(UpgradeResult result) {
            return new Upgrade(result.from().orElse(null), result.to().orElse(null), result.applied(), result.notes(),
                    Backup.of(result.backup()), result.healed().map(Drift::of).orElse(null), result.reapplied());
        }
    }

    record Downgrade(String from, String to, List<String> undone, Backup backup, List<String> notes) {

        static Downgrade of(DowngradeResult result) {
            return new Downgrade(result.from().orElse(null), result.to().orElse(null), result.undone(),
                    Backup.of(result.backup()), result.notes());
        }
    }

    record Stamp(String from, String to, List<String> recorded, List<String> forgotten) {

        static Stamp of(StampResult result) {
            return new Stamp(result.from().orElse(null), result.to().orElse(null), result.recorded(),
                    result.forgotten());
        }
    }

    record Backup(String file, long bytes) {

        static Backup of(Optional<BackupFile> backup) {
            return backup.map(file -> new Backup(file.file().toString(), file.bytes())).orElse(null);
        }
    }

    record BackupTaken(Backup backup) {
    }

    record Verify(String version, boolean passed, List<Check> checks) {

        static Verify of(VerificationReport report) {
            return new Verify(report.version().orElse(null), report.passed(), report.checks().stream()
                    .map(check -> new Check(check.name(), lower(check.status()), check.detail())).toList());
        }
    }

    record Check(String name, String status, String detail) {
    }

    record Repair(List<String> actions) {
    }

    record Restore(Restored restored, String previousVersion, Backup replaced, List<String> notes) {

        static Restore of(RestoreResult result) {
            BackupCheck restored = result.restored();
            return new Restore(new Restored(restored.file().toString(), restored.version().orElse(null),
                    restored.managed(), restored.connections().isPresent() ? restored.connections().getAsLong() : null),
                    result.previous().orElse(null), Backup.of(result.replaced()), result.notes());
        }
    }

    record Restored(String file, String version, boolean managed, Long connections) {
    }

    /** A PostgreSQL restore: the dump restored, the versions before and after, the dump of what was replaced. */
    record PostgresRestore(Restored restored, String previousVersion, Backup replaced, List<String> notes) {

        static PostgresRestore of(PostgresRestoreResult result) {
            return new PostgresRestore(new Restored(result.restored().toString(), result.version().orElse(null),
                    result.version().isPresent(), null), result.previous().orElse(null),
                    Backup.of(Optional.of(result.replaced())), List.of());
        }
    }

    /** An enum as a script reads it: {@code NOT_SHIPPED} as {@code "not shipped"}. */
    static String lower(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }
}
