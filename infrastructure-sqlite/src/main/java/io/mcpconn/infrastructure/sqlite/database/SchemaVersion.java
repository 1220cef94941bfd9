package io.mcpconn.infrastructure.sqlite.database;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.mcpconn.infrastructure.jdbc.database.AppliedVersions;
import java.util.Optional;
import org.jooq.DSLContext;

/**
 * The schema version a database is at, read straight from Flyway's history table: cheap enough for
 * a repository to check when it is made, without starting Flyway.
 */
public final class SchemaVersion {

    private static final String HISTORY = "flyway_schema_history";

    private SchemaVersion() {
    }

    /** The newest version applied successfully; empty if none is (no history, or only a baseline at 0). */
    public static Optional<String> applied(DSLContext dsl) {
        boolean hasHistory = dsl.fetchExists(dsl.selectOne().from(table(name("sqlite_master")))
                .where(field(name("type")).eq(inline("table"))).and(field(name("name")).eq(inline(HISTORY))));
        if (!hasHistory) {
            return Optional.empty();
        }
        return AppliedVersions.newest(dsl.select(field(name("version"), String.class)).from(table(name(HISTORY)))
                .where(field(name("success")).eq(inline(1))).and(field(name("version")).isNotNull())
                .fetch(0, String.class));
    }
}
