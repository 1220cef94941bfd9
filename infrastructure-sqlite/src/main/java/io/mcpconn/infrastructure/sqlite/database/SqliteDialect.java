package io.mcpconn.infrastructure.sqlite.database;

import static org.jooq.impl.DSL.concat;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.length;
import static org.jooq.impl.DSL.replace;
import static org.jooq.impl.DSL.substring;
import static org.jooq.impl.DSL.when;

import io.mcpconn.infrastructure.jdbc.database.SqlDialect;
import java.sql.SQLException;
import org.jooq.Field;
import org.jooq.SQLDialect;
import org.sqlite.SQLiteErrorCode;
import org.sqlite.SQLiteException;

/** SQLite's side of {@link SqlDialect}: times are text, and pages are ordered by a normal form of it. */
public enum SqliteDialect implements SqlDialect {

    /** The one instance. */
    INSTANCE;

    @Override
    public SQLDialect jooq() {
        return SQLDialect.SQLITE;
    }

    @Override
    public String displayName() {
        return "SQLite";
    }

    /**
     * {@code created_at} in one normal form, cut to what a cursor carries. Text order is time order
     * only for one format: rows from SQLite's CURRENT_TIMESTAMP default lack the fraction and ISO
     * writers use 'T'. V5 indexes exactly this expression, which is what lets SQLite read a page
     * from its index instead of sorting the namespace.
     */
    @Override
    public Field<String> sortKey(Field<String> createdAt) {
        return substring(
                when(length(createdAt).eq(inline(19)),
                        concat(replace(createdAt, inline("T"), inline(" ")), inline(".000000")))
                        .otherwise(replace(createdAt, inline("T"), inline(" "))),
                inline(1), inline(io.mcpconn.domain.connection.PageCursor.MAX_POSITION_LENGTH));
    }

    @Override
    public Field<String> sortKeyText(Field<String> createdAt, int maxLength) {
        return sortKey(createdAt);
    }

    @Override
    public Field<String> timeText(Field<String> column) {
        return column;
    }

    @Override
    public boolean isConstraintViolation(SQLException failure) {
        return failure instanceof SQLiteException sqlite
                && (sqlite.getResultCode().code & 0xff) == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
    }

    @Override
    public boolean isPrimaryKeyViolation(SQLException failure) {
        return failure instanceof SQLiteException sqlite
                && sqlite.getResultCode() == SQLiteErrorCode.SQLITE_CONSTRAINT_PRIMARYKEY;
    }

    @Override
    public String messageOf(SQLException failure) {
        return SqliteErrors.messageOf(failure);
    }
}
