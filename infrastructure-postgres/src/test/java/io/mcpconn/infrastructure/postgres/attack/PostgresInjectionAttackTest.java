package io.mcpconn.infrastructure.postgres.attack;

import io.mcpconn.infrastructure.postgres.PostgresTestDatabases;
import io.mcpconn.infrastructure.postgres.connection.PostgresMcpConnectionRepository;
import io.mcpconn.testkit.attack.InjectionAttackContract;
import io.mcpconn.testkit.attack.RawTables;
import java.util.List;
import java.util.Optional;

/** The injection attack on the PostgreSQL adapter; the schema is information_schema's columns and pg_indexes. */
class PostgresInjectionAttackTest extends InjectionAttackContract {

    @Override
    protected Storage open() {
        var database = PostgresTestDatabases.migrated("injection_attack");
        var sql = new Sql() {
            @Override
            public List<String> query(String query) {
                return database.query(statements -> RawTables.query(statements.connection(), query));
            }

            @Override
            public String schema() {
                return String.join("\n", query("SELECT table_name, column_name, ordinal_position, data_type,"
                        + " character_maximum_length, is_nullable, column_default FROM information_schema.columns"
                        + " WHERE table_schema = 'public' ORDER BY table_name, ordinal_position")) + "\n"
                        + String.join("\n", query("SELECT tablename, indexname, indexdef FROM pg_indexes"
                        + " WHERE schemaname = 'public' ORDER BY tablename, indexname")) + "\n"
                        + String.join("\n", query("SELECT table_name FROM information_schema.tables"
                        + " WHERE table_schema = 'public' ORDER BY table_name"));
            }
        };
        return new Storage("postgresql", new PostgresMcpConnectionRepository(database, PostgresTestDatabases.sealed()),
                Optional.of(sql), database::close);
    }
}
