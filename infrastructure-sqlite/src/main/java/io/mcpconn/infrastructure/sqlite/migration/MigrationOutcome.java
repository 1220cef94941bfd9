package io.mcpconn.infrastructure.sqlite.migration;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What a migration run did.
 *
 * @param previousVersion the schema version before the run; empty for a database Flyway had never migrated
 * @param currentVersion the schema version after the run; empty if there was nothing to apply to an empty database
 * @param applied the versions applied by this run, oldest first
 */
public record MigrationOutcome(Optional<String> previousVersion, Optional<String> currentVersion, List<String> applied) {

    /** Checks the fields and copies the list. */
    public MigrationOutcome {
        Objects.requireNonNull(previousVersion, "previousVersion");
        Objects.requireNonNull(currentVersion, "currentVersion");
        applied = List.copyOf(applied);
    }
}
