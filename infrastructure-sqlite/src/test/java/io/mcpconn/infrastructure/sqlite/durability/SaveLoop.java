package io.mcpconn.infrastructure.sqlite.durability;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Path;

/**
 * The child side of {@link SavesUnderKillIT}: runs a {@link SaveScript} against SQLite until it is
 * killed, printing {@code ack <step> <id>} after each save has committed.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    /**
     * @param args the database file and the script's seed
     */
    public static void main(String[] args) {
        SaveScript script = new SaveScript(Long.parseLong(args[1]));
        try (SqliteDatabase database = SqliteDatabase.open(Path.of(args[0]))) {
            new SchemaMigrator(database).migrate();
            SqliteMcpConnectionRepository repository = new SqliteMcpConnectionRepository(database);
            while (true) {
                int step = script.nextStep();
                ConnectionId id = script.step(repository);
                System.out.println("ack " + step + " " + id.value());
                System.out.flush();
            }
        }
    }
}
