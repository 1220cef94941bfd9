package io.mcpconn.infrastructure.sqlite.database;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A repository was opened on a database whose schema is older than it needs (or was never
 * migrated): every statement would otherwise fail with a raw "no such column". Nothing was read or
 * written; migrate the database first.
 */
public final class SchemaNotReadyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    // Kept as text: Path is not Serializable, and exceptions are.
    private final String path;
    private final String current;
    private final String required;

    SchemaNotReadyException(Path path, Optional<String> current, String required, String needer) {
        super("The SQLite database " + path + " is " + current.map(v -> "at schema version " + v).orElse("not migrated")
                + ", but " + needer + " needs version " + required + " or later; migrate it first (SchemaMigrator.migrate())");
        this.path = path.toString();
        this.current = current.orElse(null);
        this.required = required;
    }

    /** The database file. */
    public Path path() {
        return Path.of(path);
    }

    /** The version applied last; empty if none is. */
    public Optional<String> current() {
        return Optional.ofNullable(current);
    }

    /** The version needed. */
    public String required() {
        return required;
    }
}
