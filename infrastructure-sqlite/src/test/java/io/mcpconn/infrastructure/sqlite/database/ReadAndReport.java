package io.mcpconn.infrastructure.sqlite.database;

import java.nio.file.Path;

/** The child side of {@link UnprivilegedJvm} for read-only opens: opens a database to read and prints its tables. */
public final class ReadAndReport {

    private ReadAndReport() {
    }

    public static void main(String[] args) {
        try (SqliteDatabase database = SqliteDatabase.openReadOnly(Path.of(args[0]))) {
            System.out.println("read " + database.read(dsl -> dsl.fetchValue("SELECT count(*) FROM t")) + " rows");
        } catch (DatabaseUnavailableException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
