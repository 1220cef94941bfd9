package io.mcpconn.infrastructure.sqlite.connection;

import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.events.EventOutboxContract;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/** The SQLite outbox passes the contract, with the repository that stores events in it. */
class SqliteEventOutboxTest extends EventOutboxContract {

    @TempDir
    Path directory;

    private SqliteDatabase database;

    @Override
    protected Stores createStores() {
        if (database != null) {
            database.close();
        }
        database = SqliteDatabase.open(directory.resolve("events.db"), SqliteDatabaseOptions.defaults());
        new SchemaMigrator(database).migrate();
        return new Stores(new SqliteMcpConnectionRepository(database),
                new SqliteEventOutbox(database));
    }

    @AfterEach
    void close() {
        database.close();
    }

    @org.junit.jupiter.api.Test
    void a_stored_event_that_cannot_be_read_is_parked_with_the_reason_never_handed_out_and_named_when_listed()
            throws Exception {
        var stores = createStores();
        var connection = io.mcpconn.testkit.fixtures.McpConnections.disconnected("broken", clock);
        connection.startConnecting(clock.instant());
        stores.repository().save(connection);
        try (var raw = java.sql.DriverManager.getConnection("jdbc:sqlite:" + directory.resolve("events.db"));
                var update = raw.createStatement()) {
            update.executeUpdate("UPDATE mcp_connection_events SET payload_json = '{\"server_name\": 7}'");
        }

        var claimed = stores.outbox().claim(io.mcpconn.domain.connection.InstanceId.of("one"), clock.instant(),
                java.time.Duration.ofSeconds(30), 10);

        org.assertj.core.api.Assertions.assertThat(claimed).isEmpty();
        org.assertj.core.api.Assertions.assertThat(stores.outbox().counts().parked()).isEqualTo(1);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> stores.outbox().entries(connection.namespace(), 0,
                        java.util.Optional.empty(), 10))
                .isInstanceOf(io.mcpconn.infrastructure.jdbc.event.UnreadableEventException.class)
                .hasMessageContaining("event #1 in mcp_connection_events of ")
                .hasMessageContaining("payload_json has no text \"server_name\"");
    }
}
