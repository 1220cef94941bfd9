package io.mcpconn.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Details;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Operation;
import io.mcpconn.infrastructure.sqlite.migration.MigrationRefusedException.Reason;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every refusal's reason and data become the {@code mcpconn db} advice the command line prints. */
class MigrationHintsTest {

    private static final Path DB = Path.of("/data/mcpconn.db");
    private static final String LIBRARY_FIX = "the library's own advice";

    /** The command line's hint for every reason, from data a refusal of that reason carries. */
    private static final Map<Reason, String> EXPECTED = new EnumMap<>(Reason.class);

    static {
        EXPECTED.put(Reason.UNKNOWN_VERSION,
                "pass one of the known versions (mcpconn db history shows them with their state)");
        EXPECTED.put(Reason.WRONG_DIRECTION, "to go back, run mcpconn db downgrade --target 1");
        EXPECTED.put(Reason.UNMANAGED_SCHEMA, "the table matches V2: record that with mcpconn db stamp 2");
        EXPECTED.put(Reason.HISTORY_MISMATCH, "restore the original migration (use the mcpconn version that applied"
                + " it); if the change is deliberate and the schema already matches it, record the new checksum with"
                + " mcpconn db repair (mcpconn db verify shows the details)");
        EXPECTED.put(Reason.FAILED_MIGRATION,
                "check the schema with mcpconn db verify, then remove the failed entry with mcpconn db repair");
        EXPECTED.put(Reason.NEWER_SCHEMA, "use the mcpconn version that migrated it");
        EXPECTED.put(Reason.MISSING_DOWN_SCRIPT, "downgrade only as far as the down scripts go (mcpconn db history"
                + " lists the versions), or restore a backup taken before the migration (<db>.backup-*)");
        EXPECTED.put(Reason.UNBACKED_DATA_LOSS,
                "leave out --no-backup so that a backup is taken first, or add --discard-data to drop them for good");
        EXPECTED.put(Reason.SQLITE_UNSUPPORTED, "run mcpconn with a sqlite-jdbc that bundles SQLite 3.9.0 or newer"
                + " (the bundled library is used unless -Dorg.sqlite.lib.path points to another); for a system SQLite,"
                + " upgrade it (apt-get upgrade sqlite3, brew upgrade sqlite3)");
        EXPECTED.put(Reason.BACKUP_EXISTS, "choose another file with --to, or move /data/copy.db away");
        EXPECTED.put(Reason.DATABASE_MISSING, LIBRARY_FIX);
        EXPECTED.put(Reason.CONCURRENT_CHANGE, "run the downgrade again");
        EXPECTED.put(Reason.BACKUP_UNUSABLE, "restore it with the mcpconn version that wrote it, or a newer one");
        EXPECTED.put(Reason.SCHEMA_DRIFT, "heal it with mcpconn db upgrade without --no-backup: it backs the database"
                + " up, then re-creates what is missing in one transaction; mcpconn db current lists the differences");
        EXPECTED.put(Reason.UNHEALABLE_DRIFT, "restore a backup taken before the other tool ran (mcpconn db restore"
                + " <db>.backup-*), or make the tables what version 6 makes by hand (mcpconn db verify lists what"
                + " differs) and run mcpconn db upgrade again");
    }

    private static Details details(Reason reason) {
        Details details = Details.of(Operation.DOWNGRADE, DB);
        return switch (reason) {
            case WRONG_DIRECTION -> details.withOperation(Operation.UPGRADE).withVersion("1").withCurrent("5");
            case UNMANAGED_SCHEMA -> details.withVersion("2");
            case SQLITE_UNSUPPORTED -> details.withVersion("3.9.0").withCurrent("3.8.11");
            case BACKUP_EXISTS -> details.withOperation(Operation.BACKUP).withFile(Path.of("/data/copy.db"));
            case BACKUP_UNUSABLE -> details.withOperation(Operation.RESTORE).withVersions(List.of("9"));
            case UNBACKED_DATA_LOSS -> details.withCount(3);
            case SCHEMA_DRIFT -> details.withOperation(Operation.UPGRADE).withCurrent("6");
            case UNHEALABLE_DRIFT -> details.withOperation(Operation.UPGRADE).withCurrent("6");
            default -> details;
        };
    }

    private static String hint(Reason reason, Details details) {
        return MigrationHints.hint(new MigrationRefusedException(reason, "problem", LIBRARY_FIX, details));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void everyReasonHasTheCommandLinesHint(Reason reason) {
        assertThat(EXPECTED).as("the expected hint for " + reason).containsKey(reason);
        assertThat(hint(reason, details(reason))).isEqualTo(EXPECTED.get(reason));
    }

    @ParameterizedTest
    @EnumSource(Reason.class)
    void noHintNamesTheLibrarysApi(Reason reason) {
        assertThat(hint(reason, details(reason))).doesNotContain("SchemaMigrator").doesNotContain("Request");
    }

    @Test
    void theDirectionAndTheTargetChooseTheCommand() {
        assertThat(hint(Reason.WRONG_DIRECTION, Details.of(Operation.DOWNGRADE, DB).withVersion("5")))
                .isEqualTo("to go forward, run mcpconn db upgrade --target 5");
        assertThat(hint(Reason.WRONG_DIRECTION, Details.of(Operation.DOWNGRADE, DB)))
                .isEqualTo("nothing to undo; mcpconn db history shows the migrations");
    }

    @Test
    void aTableMatchingNoVersionIsToldEveryKnownOne() {
        assertThat(hint(Reason.UNMANAGED_SCHEMA, Details.of(Operation.UPGRADE, DB)))
                .startsWith("if the table is what a migration creates, record it with mcpconn db stamp <version>"
                        + " (known: 1 (create mcp connections), 2 (")
                .endsWith("RENAME TO mcp_connections_old) and run mcpconn db upgrade");
    }

    @Test
    void anUnusableBackupOfThisBuildKeepsTheLibrarysAdvice() {
        assertThat(hint(Reason.BACKUP_UNUSABLE, Details.of(Operation.RESTORE, DB))).isEqualTo(LIBRARY_FIX);
    }

    @Test
    void theMessageIsTheProblemThenTheHint() {
        assertThat(MigrationHints.message(new MigrationRefusedException(Reason.NEWER_SCHEMA, "Cannot upgrade " + DB,
                LIBRARY_FIX, Details.of(Operation.UPGRADE, DB))))
                .isEqualTo("Cannot upgrade " + DB + ". Fix: use the mcpconn version that migrated it");
    }
}
