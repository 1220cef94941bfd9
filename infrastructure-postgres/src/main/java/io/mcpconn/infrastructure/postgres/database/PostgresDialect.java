package io.mcpconn.infrastructure.postgres.database;

import static org.jooq.impl.DSL.field;

import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.sql.SQLException;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.postgresql.util.PSQLException;

/**
 * PostgreSQL's side of {@link SqlDialect}: times are {@code TIMESTAMPTZ}, so pages are ordered by
 * {@code created_at} itself (V5 indexes it) and times are selected as UTC text in the one form the
 * repositories write; errors are told apart by SQLSTATE.
 */
public enum PostgresDialect implements SqlDialect {

    /** The one instance. */
    INSTANCE;

    /** The primary key of {@code mcp_connections}, as V1 names it. */
    static final String PRIMARY_KEY = "mcp_connections_pkey";

    @Override
    public String displayName() {
        return "PostgreSQL";
    }

    @Override
    public SQLDialect jooq() {
        return SQLDialect.POSTGRES;
    }

    /** The column itself: a cursor's text is bound untyped ({@code stringtype=unspecified}) and read as a time. */
    @Override
    public Field<String> sortKey(Field<String> createdAt) {
        return createdAt;
    }

    /**
     * Text PostgreSQL reads back as the same time, as a cursor's position is: {@link #timeText} for
     * the times this library writes, but {@code infinity} / {@code -infinity} (for which
     * {@code to_char} gives NULL) and times before Christ (whose year {@code to_char} gives without
     * its era) as PostgreSQL spells them, so that a listing pages past a row another program filled
     * with them.
     */
    @Override
    public Field<String> sortKeyText(Field<String> createdAt, int maxLength) {
        return field("CASE WHEN NOT isfinite({0}) THEN CAST({0} AS text)"
                + " WHEN {0} < TIMESTAMPTZ '0001-01-01 00:00:00+00'"
                + " THEN to_char({0} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') || ' BC'"
                + " ELSE to_char({0} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US') END", String.class, createdAt);
    }

    /** {@code YYYY-MM-DD HH:MM:SS.ffffff} in UTC, whatever the session's time zone. */
    @Override
    public Field<String> timeText(Field<String> column) {
        return field("to_char({0} at time zone 'UTC', 'YYYY-MM-DD HH24:MI:SS.US')", String.class, column);
    }

    @Override
    public boolean isConstraintViolation(SQLException failure) {
        var state = failure.getSQLState();
        return state != null && state.startsWith("23");
    }

    @Override
    public boolean isPrimaryKeyViolation(SQLException failure) {
        return "23505".equals(failure.getSQLState()) && failure instanceof PSQLException psql
                && psql.getServerErrorMessage() != null
                && PRIMARY_KEY.equals(psql.getServerErrorMessage().getConstraint());
    }

    @Override
    public String skipLockedRows() {
        return " FOR UPDATE SKIP LOCKED";
    }

    @Override
    public String messageOf(SQLException failure) {
        if (failure instanceof PSQLException psql && psql.getServerErrorMessage() != null) {
            return String.valueOf(psql.getServerErrorMessage().getMessage());
        }
        return String.valueOf(failure.getMessage());
    }
}
