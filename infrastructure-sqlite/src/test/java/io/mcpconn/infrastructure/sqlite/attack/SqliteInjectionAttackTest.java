package io.mcpconn.infrastructure.sqlite.attack;

import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.attack.InjectionAttackContract;
import io.mcpconn.testkit.attack.RawTables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Optional;

/** The injection attack on the SQLite adapter; the schema is {@code sqlite_master}'s type, name and sql. */
class SqliteInjectionAttackTest extends InjectionAttackContract {

    @Override
    protected Storage open() {
        try {
            var directory = Files.createTempDirectory("injection-attack");
            var database = SqliteDatabase.open(directory.resolve("mcpconn.db"));
            new SchemaMigrator(database).migrate();
            var sql = new Sql() {
                @Override
                public List<String> query(String query) {
                    return database.query(statements -> RawTables.query(statements.connection(), query));
                }

                @Override
                public String schema() {
                    return String.join("\n", query("SELECT type, name, sql FROM sqlite_master ORDER BY type, name"));
                }
            };
            return new Storage("sqlite", new SqliteMcpConnectionRepository(database), Optional.of(sql), () -> {
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
