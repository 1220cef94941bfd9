package io.mcpconn.infrastructure.sqlite.attack;

import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.connection.SqliteSessionLeaseRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.attack.CrossNamespaceAttackContract;
import io.mcpconn.testkit.attack.RawTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.Optional;

/** The cross-namespace attack on the SQLite adapters, with a raw dump of every table after each write. */
class SqliteCrossNamespaceAttackTest extends CrossNamespaceAttackContract {

    @Override
    protected Storage open() {
        try {
            var directory = Files.createTempDirectory("cross-namespace-attack");
            var database = SqliteDatabase.open(directory.resolve("mcpconn.db"));
            new SchemaMigrator(database).migrate();
            // Listed once, after migrating; the injection attack compares the schema itself.
            var tables = database.query(statements -> RawTables.tables(statements.connection(), null));
            return new Storage("sqlite", new SqliteMcpConnectionRepository(database),
                    new SqliteSessionLeaseRepository(database),
                    Optional.of(() -> database.query(statements -> RawTables.dumpTables(statements.connection(), tables))),
                    () -> {
                        database.close();
                        try (var files = Files.list(directory)) {
                            for (var file : files.toList()) {
                                Files.delete(file);
                            }
                        }
                        Files.delete(directory);
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    protected void figure(String line) {
        System.out.println(line);
    }
}
