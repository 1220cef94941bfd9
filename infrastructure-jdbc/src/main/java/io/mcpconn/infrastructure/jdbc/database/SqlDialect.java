package io.mcpconn.infrastructure.jdbc.database;

import java.sql.SQLException;
import org.jooq.Field;
import org.jooq.SQLDialect;

/**
 * What differs between the databases the shared repositories run on, and nothing else: how SQL is
 * rendered, how pages are ordered and times read, and how a refused statement is told apart from a
 * failing database.
 */
public interface SqlDialect {

    /** The database's name for messages: "SQLite", "PostgreSQL". */
    String displayName();

    /** The jOOQ dialect the statements are rendered in. */
    SQLDialect jooq();

    /**
     * What pages are ordered by (newest first) and cursors compared with, built from
     * {@code createdAt}; a cursor's position is {@link #sortKeyText} of its row and is bound as text.
     */
    Field<String> sortKey(Field<String> createdAt);

    /** {@link #sortKey} as the text a cursor carries, at most {@code maxLength} characters. */
    Field<String> sortKeyText(Field<String> createdAt, int maxLength);

    /** A time column, selected as text the repositories read. */
    Field<String> timeText(Field<String> column);

    /** Whether {@code failure} is a statement refused by a constraint (explained by the repository), not a failing database. */
    boolean isConstraintViolation(SQLException failure);

    /** Whether {@code failure} is a duplicate primary key. */
    boolean isPrimaryKeyViolation(SQLException failure);

    /** The database's own words for {@code failure}, without the driver's decoration. */
    String messageOf(SQLException failure);

    /**
     * What ends a query that claims rows for one instance, so that instances claiming at once skip
     * each other's rows instead of waiting or failing: empty where one writer at a time is let in.
     */
    default String skipLockedRows() {
        return "";
    }
}
