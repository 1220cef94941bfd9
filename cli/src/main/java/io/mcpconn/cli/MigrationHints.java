package io.mcpconn.cli;

import io.mcpconn.infrastructure.postgres.migration.PostgresMigrationRefusedException;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Details;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Operation;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.infrastructure.sqlite.migration.SqliteRequirements;

/**
 * What the command line tells a user to do about a refused migration operation: the library says
 * why (a {@link MigrationRefusedException.Reason} and its data) and how in its own API's terms;
 * this says it as the {@code mcpconn db} commands and options that do it.
 */
final class MigrationHints {

    private MigrationHints() {
    }

    /** Returns the refusal as the command line prints it: what is wrong, then the fix as commands. */
    static String message(MigrationRefusedException refused) {
        return refused.problem() + ". Fix: " + hint(refused);
    }

    /** Returns a PostgreSQL refusal as the command line prints it: the library's reason, then the fix as commands. */
    static String message(PostgresMigrationRefusedException refused) {
        var said = refused.getMessage();
        int advice = said.indexOf("; ");
        return (advice < 0 ? said : said.substring(0, advice)) + ". Fix: " + hint(refused);
    }

    /** Returns the fix for a PostgreSQL refusal in the command line's words. */
    static String hint(PostgresMigrationRefusedException refused) {
        return switch (refused.reason()) {
            case UNKNOWN_VERSION -> "pass one of the known versions (mcpconn db history shows them with their state)";
            case TARGET_BELOW_CURRENT -> "to go back, run mcpconn db downgrade --target " + refused.version().orElse("<version>");
            case UNMANAGED_TABLE -> "check the table with mcpconn db verify, then record the version it matches with"
                    + " mcpconn db stamp <version> (known: " + knownList() + ")";
            case WOULD_DROP_CONNECTIONS -> "back them up first (mcpconn db backup), then add --discard-data to drop"
                    + " them for good";
            case BACKUP_EXISTS -> "name another file with --to, or move " + file(refused) + " away";
            case BACKUP_DIRECTORY_UNUSABLE -> "run mcpconn where this user may write, or name a file with --to";
            case BACKUP_MISSING -> "name a backup mcpconn db backup wrote (<database>-YYYYmmdd-HHMMSS.dump)";
        };
    }

    private static String file(PostgresMigrationRefusedException refused) {
        return refused.file().map(Object::toString).orElse("that file");
    }

    /** Returns the fix for {@code refused} in the command line's words. */
    static String hint(MigrationRefusedException refused) {
        Details details = refused.details();
        return switch (refused.reason()) {
            case UNKNOWN_VERSION -> "pass one of the known versions (mcpconn db history shows them with their state)";
            case WRONG_DIRECTION -> wrongDirection(details);
            case UNMANAGED_SCHEMA -> details.version()
                    .map(version -> "the table matches V" + version + ": record that with mcpconn db stamp " + version)
                    .orElse("if the table is what a migration creates, record it with mcpconn db stamp <version>"
                            + " (known: " + knownList() + "); otherwise move the table aside (ALTER TABLE"
                            + " mcp_connections RENAME TO mcp_connections_old) and run mcpconn db upgrade");
            case HISTORY_MISMATCH -> "restore the original migration (use the mcpconn version that applied it); if the"
                    + " change is deliberate and the schema already matches it, record the new checksum with"
                    + " mcpconn db repair (mcpconn db verify shows the details)";
            case FAILED_MIGRATION -> "check the schema with mcpconn db verify, then remove the failed entry with"
                    + " mcpconn db repair";
            case NEWER_SCHEMA -> "use the mcpconn version that migrated it";
            case MISSING_DOWN_SCRIPT -> "downgrade only as far as the down scripts go (mcpconn db history lists the"
                    + " versions), or restore a backup taken before the migration (<db>.backup-*)";
            case UNBACKED_DATA_LOSS -> "leave out --no-backup so that a backup is taken first, or add --discard-data"
                    + " to drop them for good";
            case SQLITE_UNSUPPORTED -> "run mcpconn with a sqlite-jdbc that bundles SQLite "
                    + details.version().orElse(SqliteRequirements.JSON_MINIMUM.toString()) + " or newer (the bundled"
                    + " library is used unless -Dorg.sqlite.lib.path points to another); for a system SQLite, upgrade"
                    + " it (apt-get upgrade sqlite3, brew upgrade sqlite3)";
            case BACKUP_EXISTS -> "choose another file with --to"
                    + details.file().map(file -> ", or move " + file + " away").orElse("");
            // Thrown by the command line itself, already in its words.
            case DATABASE_MISSING -> refused.fix();
            case CONCURRENT_CHANGE -> details.operation() == Operation.DOWNGRADE ? "run the downgrade again"
                    : details.operation() == Operation.UPGRADE ? "run mcpconn db upgrade again" : "run it again";
            case SCHEMA_DRIFT -> "heal it with mcpconn db upgrade" + (details.operation() == Operation.UPGRADE
                    ? " without --no-backup" : "") + ": it backs the database up, then re-creates what is missing in"
                    + " one transaction" + (details.operation() == Operation.DOWNGRADE ? "; downgrade after that" : "")
                    + "; mcpconn db current lists the differences";
            case UNHEALABLE_DRIFT -> "restore a backup taken before the other tool ran (mcpconn db restore"
                    + " <db>.backup-*), or make the tables what version " + details.current().orElse("<recorded>")
                    + " makes by hand (mcpconn db verify lists what differs) and run mcpconn db upgrade again";
            // The library's advice names no API here (choose another backup, fix its permissions),
            // except for a backup of a newer build.
            case BACKUP_UNUSABLE -> details.versions().isEmpty() ? refused.fix()
                    : "restore it with the mcpconn version that wrote it, or a newer one";
        };
    }

    private static String wrongDirection(Details details) {
        if (details.version().isEmpty()) {
            return "nothing to undo; mcpconn db history shows the migrations";
        }
        return details.operation() == Operation.UPGRADE
                ? "to go back, run mcpconn db downgrade --target " + details.version().get()
                : "to go forward, run mcpconn db upgrade --target " + details.version().get();
    }

    private static String knownList() {
        return String.join(", ", SchemaMigrator.shipped().stream()
                .map(migration -> migration.version() + " (" + migration.description() + ")").toList());
    }
}
