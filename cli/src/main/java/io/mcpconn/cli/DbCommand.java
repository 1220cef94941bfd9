package io.mcpconn.cli;

import io.mcpconn.cli.DbDocuments.Document;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import io.mcpconn.infrastructure.jdbc.migration.BackupFile;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.DowngradeResult;
import io.mcpconn.infrastructure.jdbc.migration.HistoryEntry;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.infrastructure.jdbc.migration.SchemaOperations;
import io.mcpconn.infrastructure.jdbc.migration.SchemaStatus;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabase;
import io.mcpconn.infrastructure.postgres.database.PostgresDatabaseOptions;
import io.mcpconn.infrastructure.postgres.migration.PostgresSchemaMigrator;
import io.mcpconn.infrastructure.sqlite.migration.ShippedMigration;
import io.mcpconn.infrastructure.jdbc.migration.StampResult;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.migration.UpgradeResult;
import io.mcpconn.infrastructure.jdbc.migration.VerificationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code mcpconn db}: the seed's migration procedure, one subcommand per step. Each prints the
 * database it works on and where that came from, then what it did.
 */
// Its @Command methods are added by McpconnCommand: only the one a command line runs.
@Command(name = "db", mixinStandardHelpOptions = true, addMethodSubcommands = false,
        description = "The database's migration procedure: current, history, head, upgrade, downgrade, stamp,"
                + " backup, restore, verify, repair.")
final class DbCommand implements Runnable {

    private static final String NEWER_BUILD = "use the mcpconn version that migrated it, or a newer one";

    private static final DateTimeFormatter APPLIED_AT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);

    @Spec
    CommandSpec spec;

    final McpconnCommand top;

    DbCommand(McpconnCommand top) {
        this.top = top;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command; try: mcpconn db --help");
    }

    @Command(name = "current", mixinStandardHelpOptions = true,
            description = "Show the applied version and whether the database is at head (alembic current).")
    int current() {
        Output output = output();
        DatabaseLocation location = top.location();
        SchemaStatus status = location.postgres() || Files.exists(location.file())
                ? withReader(location, SchemaOperations::current)
                : SchemaMigrator.statusOfMissing(location.file());
        header(output, location);
        if (!status.exists()) {
            output.line("(the file does not exist yet; mcpconn db upgrade creates it)");
        }
        List<List<String>> rows = new ArrayList<>();
        rows.add(Output.row("current", status.current().map(DbCommand::described).orElse("none (no migration applied)")));
        rows.add(Output.row("head", described(status.head()) + (status.atHead() ? ", up to date"
                : status.ahead() ? "; the database is ahead of this build: " + unknown(status.unknown())
                : status.pending().isEmpty() ? "" : ", pending: " + String.join(", ", status.pending()))));
        status.drift().ifPresent(drift -> rows.add(Output.row("drift", "the tables are not what version "
                + drift.recorded() + " makes")));
        output.table(rows);
        status.drift().ifPresent(drift -> {
            output.line("drift: " + drift.explanation());
            drift.differences().forEach(difference -> output.line("  - " + difference));
            output.line("heal it with: mcpconn db upgrade (backs up first, then re-creates what is missing in one"
                    + " transaction)");
        });
        status.unmanaged().ifPresent(note -> output.line("note: " + note));
        if (status.ahead()) {
            output.line("note: " + NEWER_BUILD + "; this one refuses to upgrade, downgrade or stamp it");
        }
        output.document(Document.of("current", location, DbDocuments.Current.of(status)));
        return ExitCode.OK;
    }

    @Command(name = "history", mixinStandardHelpOptions = true,
            description = "List every migration, applied or pending, with the date applied and the checksum state"
                    + " (alembic history).")
    int history() {
        Output output = output();
        DatabaseLocation location = top.location();
        List<HistoryEntry> history = location.postgres() || Files.exists(location.file())
                ? withReader(location, SchemaOperations::history)
                : SchemaMigrator.shipped().stream().map(m -> new HistoryEntry(m.version(), m.description(),
                        HistoryEntry.State.PENDING, Optional.empty(), HistoryEntry.Checksum.NONE)).toList();
        header(output, location);
        List<List<String>> rows = new ArrayList<>();
        rows.add(Output.row("version", "description", "state", "applied (UTC)", "checksum"));
        for (HistoryEntry entry : history) {
            rows.add(Output.row(entry.version(), entry.description(), DbDocuments.lower(entry.state()),
                    entry.appliedAt().map(APPLIED_AT::format).orElse("-"), checksum(entry.checksum())));
        }
        output.table(rows);
        List<String> unknown = history.stream().filter(entry -> entry.state() == HistoryEntry.State.NOT_SHIPPED)
                .map(HistoryEntry::version).toList();
        boolean ahead = unknown.stream().anyMatch(SchemaMigrator::newerThanHead);
        if (ahead) {
            output.line("note: the database is ahead of this build: " + unknown(unknown) + "; " + NEWER_BUILD);
        }
        output.document(Document.of("history", location, DbDocuments.History.of(ahead, history)));
        return ExitCode.OK;
    }

    @Command(name = "head", mixinStandardHelpOptions = true,
            description = "Show the newest version this build ships (alembic heads). Needs no database.")
    int head() {
        Output output = output();
        ShippedMigration head = SchemaMigrator.shipped().get(SchemaMigrator.shipped().size() - 1);
        output.line(head.version() + " (" + head.description() + ")");
        output.document(DbDocuments.Head.of(head));
        return ExitCode.OK;
    }

    @Command(name = "upgrade", mixinStandardHelpOptions = true,
            description = {"Back up the database, then apply the pending migrations up to head or --target, all in"
                    + " one transaction (alembic upgrade head). Creates the database and its directory if missing.",
                "A table made without migration history is recorded as V1 when it matches V1 exactly, and refused"
                        + " otherwise."})
    int upgrade(
            @Option(names = "--target", paramLabel = "VERSION", description = "Stop at this version (default: head).")
            String target,
            @Option(names = "--no-backup", description = "Do not back up first.") boolean noBackup) {
        Output output = output();
        DatabaseLocation location = top.location();
        header(output, location);
        UpgradeResult result = withMigrator(location, migrator -> migrator.upgrade(
                new UpgradeRequest(Optional.ofNullable(target), !noBackup), output.progress()));
        result.notes().forEach(note -> output.line("note: " + note));
        result.healed().ifPresent(drift -> output.line("healed drift at " + drift.recorded() + ": "
                + drift.explanation() + "; re-applied " + String.join(", ", result.reapplied())));
        if (result.applied().isEmpty() && result.healed().isPresent()) {
            output.line("at " + result.to().map(DbCommand::described).orElse("base") + " again; check with: mcpconn db"
                    + " verify");
        } else if (result.applied().isEmpty() && result.from().equals(result.to())) {
            output.line("already at " + result.to().map(DbCommand::described).orElse("base") + "; nothing to apply");
        } else {
            output.line("upgraded " + result.from().orElse(SchemaMigrator.BASE) + " -> "
                    + result.to().orElse(SchemaMigrator.BASE)
                    + (result.applied().isEmpty() ? "" : " (applied " + String.join(", ", result.applied()) + ")"));
        }
        if (result.backup().isEmpty() && noBackup) {
            output.line("no backup taken (--no-backup)");
        }
        output.document(Document.of("upgrade", location, DbDocuments.Upgrade.of(result)));
        return ExitCode.OK;
    }

    @Command(name = "downgrade", mixinStandardHelpOptions = true,
            description = {"Back up the database, then run the down scripts of the migrations above the target,"
                    + " newest first, and remove them from the history, all in one transaction (alembic downgrade).",
                "Going below V1 drops mcp_connections: with rows in it, --no-backup is refused unless"
                        + " --discard-data is given too."})
    int downgrade(
            @Option(names = "-1", description = "Undo the last applied migration (the default).") boolean oneStep,
            @Option(names = "--target", paramLabel = "VERSION",
                    description = "Go back to this version; 'base' undoes every migration.") String target,
            @Option(names = "--no-backup", description = "Do not back up first.") boolean noBackup,
            @Option(names = "--discard-data",
                    description = "Allow dropping rows that no backup holds (with --no-backup).") boolean discardData) {
        if (oneStep && target != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Give either -1 or --target, not both");
        }
        Output output = output();
        DatabaseLocation location = top.location();
        requireExisting(location, "downgrade");
        header(output, location);
        DowngradeResult result = withMigrator(location, migrator -> migrator.downgrade(
                new DowngradeRequest(Optional.ofNullable(target), !noBackup, discardData), output.progress()));
        if (result.undone().isEmpty()) {
            output.line("already at " + result.to().map(DbCommand::described).orElse("base") + "; nothing to undo");
        } else {
            output.line("downgraded " + result.from().orElse(SchemaMigrator.BASE) + " -> "
                    + result.to().orElse(SchemaMigrator.BASE) + " (undid " + String.join(", ", result.undone()) + ")");
        }
        result.notes().forEach(note -> output.line("note: " + note));
        output.document(Document.of("downgrade", location, DbDocuments.Downgrade.of(result)));
        return ExitCode.OK;
    }

    @Command(name = "stamp", mixinStandardHelpOptions = true,
            description = "Record VERSION as the applied one without running or undoing anything (alembic stamp):"
                    + " for a schema that is already there. VERSION may be head, base, or ff4b1a18d2f0 (the seed's"
                    + " revision, V1).")
    int stamp(@Parameters(paramLabel = "VERSION", description = "The version to record.") String version) {
        Output output = output();
        DatabaseLocation location = top.location();
        header(output, location);
        StampResult result = withMigrator(location, migrator -> migrator.stamp(version));
        if (result.recorded().isEmpty() && result.forgotten().isEmpty()) {
            output.line("already recorded at " + result.to().orElse(SchemaMigrator.BASE) + "; nothing to stamp");
        } else {
            output.line("stamped " + result.from().orElse(SchemaMigrator.BASE) + " -> "
                    + result.to().orElse(SchemaMigrator.BASE)
                    + (result.recorded().isEmpty() ? "" : " (recorded without running: "
                            + String.join(", ", result.recorded()) + ")")
                    + (result.forgotten().isEmpty() ? "" : " (forgotten without undoing: "
                            + String.join(", ", result.forgotten()) + ")"));
            output.line("check that the schema matches with: mcpconn db verify");
        }
        output.document(Document.of("stamp", location, DbDocuments.Stamp.of(result)));
        return ExitCode.OK;
    }

    @Command(name = "backup", mixinStandardHelpOptions = true,
            description = {"Copy the database consistently, even while others write, to FILE or else:",
                "SQLite: VACUUM INTO <db>.backup-YYYYmmdd_HHMMSS beside the database file;",
                "PostgreSQL: pg_dump (custom format) into <database>-YYYYmmdd-HHMMSS.dump in the working directory."})
    int backup(@Option(names = "--to", paramLabel = "FILE", description = "Where to write the copy.") Path to) {
        Output output = output();
        DatabaseLocation location = top.location();
        requireExisting(location, "back up");
        header(output, location);
        BackupFile backup = withReader(location,
                migrator -> migrator.backup(Optional.ofNullable(to).map(top.workingDirectory()::resolve),
                        output.progress()));
        output.document(Document.of("backup", location,
                new DbDocuments.BackupTaken(DbDocuments.Backup.of(Optional.of(backup)))));
        return ExitCode.OK;
    }

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = "Run the seed's checks as one report: SQLite with JSON, integrity_check, Flyway's"
                    + " checksums, the table, its columns and indexes, and the plans of the namespace and"
                    + " namespace+agent queries; on PostgreSQL the same facts in its terms (its version, JSONB"
                    + " columns, indexes, plans over realistic rows). Exits 1 if any check fails.")
    int verify() {
        Output output = output();
        DatabaseLocation location = top.location();
        requireExisting(location, "verify");
        header(output, location);
        VerificationReport report = withReader(location, SchemaOperations::verify);
        output.line("version   " + report.version().map(DbCommand::described).orElse("none (no migration applied)"));
        List<List<String>> rows = new ArrayList<>();
        for (VerificationReport.Check check : report.checks()) {
            rows.add(Output.row(status(check.status()), check.name(), check.detail()));
        }
        output.table(rows);
        long failed = report.failures().stream()
                .filter(check -> check.status() == VerificationReport.Status.FAILED).count();
        output.line(report.passed() ? "verify: all " + report.checks().size() + " checks passed"
                : "verify: " + failed + " of " + report.checks().size() + " checks failed");
        output.document(Document.of("verify", location, DbDocuments.Verify.of(report)));
        return report.passed() ? ExitCode.OK : ExitCode.VERIFY_FAILED;
    }

    @Command(name = "repair", mixinStandardHelpOptions = true,
            description = "Make the history agree with the shipped migrations (Flyway repair): record their"
                    + " checksums and remove failed entries. Only for an edit to an applied migration that is"
                    + " intended; never run by anything else.")
    int repair(@Option(names = "--no-backup", description = "Do not back up first.") boolean noBackup) {
        Output output = output();
        DatabaseLocation location = top.location();
        requireExisting(location, "repair");
        header(output, location);
        List<String> actions = withSqliteMigrator(location.file("repair"), migrator -> {
            if (!noBackup) {
                migrator.backup(Optional.empty(), output.progress());
            }
            return migrator.repair();
        });
        output.line(actions.isEmpty() ? "nothing to repair" : "repaired: " + String.join(", ", actions));
        output.document(Document.of("repair", location, new DbDocuments.Repair(actions)));
        return ExitCode.OK;
    }

    Output output() {
        return top.output(spec.commandLine());
    }

    /** Runs {@code work} on the migration operations of the database, opened for writing. */
    <T> T withMigrator(DatabaseLocation location, Function<SchemaOperations, T> work) {
        if (location.postgres()) {
            return withPostgres(location, migrator -> work.apply(migrator));
        }
        return withSqliteMigrator(location.file(), work::apply);
    }

    /** Runs {@code work} on the PostgreSQL database's migrator, the password found as psql finds it. */
    <T> T withPostgres(DatabaseLocation location, Function<PostgresSchemaMigrator, T> work) {
        // Two connections: Flyway holds one (its advisory lock) while it migrates on another.
        var options = PostgresDatabaseOptions.fromEnvironment(location.server().orElseThrow(), top.environment())
                .withPoolSize(2);
        try (var database = PostgresDatabase.open(options)) {
            // A server's database has no file to keep backups beside: they go where the command runs.
            return work.apply(new PostgresSchemaMigrator(database, top.clock(), top.workingDirectory()));
        }
    }

    <T> T withSqliteMigrator(Path file, Function<SchemaMigrator, T> work) {
        SqliteDatabaseOptions options = SqliteDatabaseOptions.defaults().withBusyTimeout(top.busyTimeout());
        try (SqliteDatabase database = SqliteDatabase.open(file, options)) {
            return work.apply(new SchemaMigrator(database, top.clock()));
        }
    }

    /**
     * Runs a command that only reads on the database opened read-only, so that it works on a file
     * this user may read but not write. A PostgreSQL server decides by the user's privileges.
     */
    private <T> T withReader(DatabaseLocation location, Function<SchemaOperations, T> work) {
        if (location.postgres()) {
            return withPostgres(location, migrator -> work.apply(migrator));
        }
        SqliteDatabaseOptions options = SqliteDatabaseOptions.defaults().withBusyTimeout(top.busyTimeout());
        try (SqliteDatabase database = SqliteDatabase.openReadOnly(location.file(), options)) {
            return work.apply(new SchemaMigrator(database, top.clock()));
        }
    }

    private static void requireExisting(DatabaseLocation location, String operation) {
        if (!location.postgres() && !Files.exists(location.file())) {
            throw new MigrationRefusedException(MigrationRefusedException.Reason.DATABASE_MISSING,
                    "Cannot " + operation + " the SQLite database " + location.file() + " (" + location.source()
                            + "): the file does not exist",
                    "check --db, " + DatabaseLocation.MCPCONN_ENV + " and " + DatabaseLocation.TMWS_ENV
                            + ", or create the database with mcpconn db upgrade");
        }
    }

    static void header(Output output, DatabaseLocation location) {
        output.line("database  " + location.shown() + " (" + location.source() + ")");
    }

    static String described(String version) {
        return SchemaMigrator.shipped().stream().filter(m -> m.version().equals(version)).findFirst()
                .map(m -> version + " (" + m.description() + ")").orElse(version + " (unknown to this build)");
    }

    /** "version 4 is applied but unknown to it", "versions 4, 5 are …". */
    private static String unknown(List<String> versions) {
        return (versions.size() == 1 ? "version " + versions.get(0) + " is" : "versions " + String.join(", ", versions)
                + " are") + " applied but unknown to it";
    }

    private static String checksum(HistoryEntry.Checksum checksum) {
        switch (checksum) {
            case MATCHES:
                return "ok";
            case MISMATCH:
                return "MISMATCH";
            default:
                return "-";
        }
    }

    private static String status(VerificationReport.Status status) {
        switch (status) {
            case PASSED:
                return "ok";
            case FAILED:
                return "FAIL";
            default:
                return "skip";
        }
    }
}
