package io.mcpconn.infrastructure.sqlite.database;

import java.nio.file.Path;

/** The child side of {@link UnprivilegedJvm}: opens a database and prints what happened. */
public final class OpenAndReport {

    private OpenAndReport() {
    }

    public static void main(String[] args) {
        try (SqliteDatabase database = SqliteDatabase.open(Path.of(args[0]))) {
            System.out.println("opened " + database.file());
        } catch (DatabaseUnavailableException e) {
            System.out.println(e.getClass().getSimpleName() + ": " + e.getMessage());
            System.exit(3);
        }
    }
}
