package io.mcpconn.infrastructure.sqlite.migration;

import java.util.Objects;

/**
 * A migration this build ships under {@value SchemaMigrator#MIGRATIONS_LOCATION}.
 *
 * @param version its version, e.g. {@code "1"}
 * @param description its description as Flyway derives it from the file name
 * @param script the file name, e.g. {@code V1__create_mcp_connections.sql}
 */
public record ShippedMigration(String version, String description, String script) {

    /** Checks the fields. */
    public ShippedMigration {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(script, "script");
    }

    /**
     * Returns the name of the script that undoes this migration under {@code db/rollback}: the
     * migration's own file name with {@code U} for {@code V}, so the pairing needs no index file.
     */
    public String downScript() {
        return "U" + script.substring(1);
    }
}
