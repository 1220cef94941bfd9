package io.mcpconn.infrastructure.sqlite.migration;

import java.nio.file.Path;
import java.util.Optional;

/**
 * What the schema needs from SQLite. The seed stores {@code config_json} and {@code tools_json} as
 * JSON, which SQLite understands from 3.9.0 on when built with its JSON functions (seed,
 * troubleshooting 3). A database is refused up front rather than failing half-way through.
 */
public final class SqliteRequirements {

    /** The first SQLite with the JSON functions. */
    public static final SqliteVersion JSON_MINIMUM = new SqliteVersion(3, 9, 0);

    private SqliteRequirements() {
    }

    /** Returns what is missing, as a clause naming the version found and the one needed; empty if nothing. */
    public static Optional<String> jsonProblem(SqliteCapabilities capabilities) {
        if (!capabilities.version().isAtLeast(JSON_MINIMUM)) {
            return Optional.of("SQLite " + capabilities.version() + " has no JSON support; mcpconn needs SQLite "
                    + JSON_MINIMUM + " or newer");
        }
        if (!capabilities.jsonFunctions()) {
            return Optional.of("SQLite " + capabilities.version() + " was built without the JSON functions"
                    + " (json_valid('{}') failed); mcpconn needs SQLite " + JSON_MINIMUM
                    + " or newer with them");
        }
        return Optional.empty();
    }

    /**
     * Refuses a library without JSON support.
     *
     * @throws MigrationRefusedException naming the version found and the one needed
     */
    public static void requireJson(SqliteCapabilities capabilities, Path database) {
        jsonProblem(capabilities).ifPresent(problem -> {
            throw new MigrationRefusedException(MigrationRefusedException.Reason.SQLITE_UNSUPPORTED,
                    "Cannot migrate the SQLite database " + database + ": " + problem,
                    "put a sqlite-jdbc that bundles SQLite " + JSON_MINIMUM + " or newer on the class path (the"
                            + " bundled library is used unless -Dorg.sqlite.lib.path points to another); for"
                            + " a system SQLite, upgrade it (apt-get upgrade sqlite3, brew upgrade sqlite3)",
                    MigrationRefusedException.Details.of(MigrationRefusedException.Operation.UPGRADE, database)
                            .withVersion(JSON_MINIMUM.toString()).withCurrent(capabilities.version().toString()));
        });
    }
}
