package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/**
 * Tells a {@link TransactionProgress} about each migration as Flyway runs it. All pending
 * migrations run in one transaction (Flyway's {@code group}), which Flyway commits after the last
 * one: a migration that ran is not applied yet, so its line says it ran, and the commit gets a line
 * of its own, opened after the last migration and closed by the migrator once Flyway returned.
 */
final class ProgressCallback implements Callback {

    private final TransactionProgress progress;
    private final String last;
    private Optional<String> failed = Optional.empty();

    /**
     * @param progress where the lines go
     * @param last the version of the last migration of the run, after which the commit follows
     */
    ProgressCallback(TransactionProgress progress, String last) {
        this.progress = Objects.requireNonNull(progress, "progress");
        this.last = Objects.requireNonNull(last, "last");
    }

    @Override
    public boolean supports(Event event, Context context) {
        return event == Event.BEFORE_EACH_MIGRATE || event == Event.AFTER_EACH_MIGRATE
                || event == Event.AFTER_EACH_MIGRATE_ERROR;
    }

    @Override
    public boolean canHandleInTransaction(Event event, Context context) {
        return true;
    }

    @Override
    public void handle(Event event, Context context) {
        MigrationInfo migration = context.getMigrationInfo();
        String version = migration.getVersion().getVersion();
        if (event == Event.BEFORE_EACH_MIGRATE) {
            progress.step("applying V" + version + " " + migration.getDescription());
        } else if (event == Event.AFTER_EACH_MIGRATE) {
            progress.ran();
            if (version.equals(last)) {
                progress.committing("the upgrade to V" + last);
            }
        } else {
            // The line stays open: the migrator ends it once it knows where the rollback left the database.
            failed = Optional.of(version);
        }
    }

    /** Returns the version of the migration that failed, if one did. */
    Optional<String> failed() {
        return failed;
    }

    @Override
    public String getCallbackName() {
        return "mcpconn-progress";
    }
}
