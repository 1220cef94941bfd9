package io.mcpconn.infrastructure.jdbc.migration;

import java.util.List;
import java.util.Objects;

/**
 * The schema is not what its migration history records: another tool (the Python service's
 * Alembic, a hand-written script) dropped, re-created or altered what mcpconn's migrations made.
 * Nothing may call such a database "up to date"; an upgrade with a backup heals what it can reason
 * about.
 *
 * @param recorded the version the history records
 * @param cause the likely cause, as data
 * @param explanation the likely cause in words: what was found and which tool's step does that
 * @param differences one line per table, column, index or trigger that is missing, extra or different
 */
public record SchemaDrift(String recorded, Cause cause, String explanation, List<String> differences) {

    /** What most likely happened to the schema. */
    public enum Cause {
        /** {@code mcp_connections} is gone, e.g. the seed's rollback ({@code alembic downgrade -1}) ran. */
        TABLE_DROPPED,
        /**
         * {@code mcp_connections} is back in V1's shape although a later version is recorded: it was
         * dropped and created again, e.g. {@code alembic downgrade -1} then {@code alembic upgrade head}.
         */
        TABLE_RECREATED,
        /** Objects a later migration made (a table, index or trigger) are missing; the rest is as recorded. */
        OBJECTS_DROPPED,
        /** Something is there that no migration makes, or differs from what it makes. */
        ALTERED
    }

    /** Checks the fields and copies the list. */
    public SchemaDrift {
        Objects.requireNonNull(recorded, "recorded");
        Objects.requireNonNull(cause, "cause");
        Objects.requireNonNull(explanation, "explanation");
        differences = List.copyOf(differences);
        if (differences.isEmpty()) {
            throw new IllegalArgumentException("a drift has at least one difference");
        }
    }

    /** The explanation and the differences, as one sentence for messages. */
    public String describe() {
        return explanation + " (" + String.join("; ", differences) + ")";
    }
}
