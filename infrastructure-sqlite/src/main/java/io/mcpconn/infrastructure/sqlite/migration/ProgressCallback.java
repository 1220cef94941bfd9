package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Objects;
import java.util.Optional;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.callback.Callback;
import org.flywaydb.core.api.callback.Context;
import org.flywaydb.core.api.callback.Event;

/** Tells a {@link MigrationProgress} about each migration as Flyway runs it. */
final class ProgressCallback implements Callback {

    private final MigrationProgress progress;
    private long started;
    private Optional<String> failed = Optional.empty();

    ProgressCallback(MigrationProgress progress) {
        this.progress = Objects.requireNonNull(progress, "progress");
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
        if (event == Event.BEFORE_EACH_MIGRATE) {
            started = System.nanoTime();
            progress.started("applying V" + migration.getVersion() + " " + migration.getDescription());
        } else if (event == Event.AFTER_EACH_MIGRATE) {
            progress.finished("done (" + (System.nanoTime() - started) / 1_000_000 + " ms)");
        } else {
            failed = Optional.of(migration.getVersion().getVersion());
            progress.finished("failed, rolled back");
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
