package io.mcpconn.infrastructure.sqlite.durability;

import io.mcpconn.domain.connection.ConnectionId;
import io.mcpconn.domain.connection.InstanceId;
import io.mcpconn.infrastructure.sqlite.connection.SqliteEventOutbox;
import io.mcpconn.infrastructure.sqlite.connection.SqliteMcpConnectionRepository;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import java.nio.file.Path;

/**
 * The child side of {@link SavesUnderKillIT}: runs a {@link SaveScript} against SQLite until it is
 * killed, printing {@code ack <step> <id>} after each save has committed; meanwhile a relay thread
 * delivers the stored events to a listener that appends each to a file, as the runtime's relay does
 * (claim, hand to the listener, mark delivered), so that a kill can land anywhere in between.
 */
public final class SaveLoop {

    private SaveLoop() {
    }

    /**
     * @param args the database file, the script's seed and the file delivered events are appended to
     */
    public static void main(String[] args) throws Exception {
        SaveScript script = new SaveScript(Long.parseLong(args[1]));
        try (SqliteDatabase database = SqliteDatabase.open(Path.of(args[0]))) {
            new SchemaMigrator(database).migrate();
            SqliteMcpConnectionRepository repository = new SqliteMcpConnectionRepository(database);
            var listener = new DeliveredEvents(Path.of(args[2]));
            var outbox = new SqliteEventOutbox(database);
            var relay = new Thread(() -> {
                while (true) {
                    if (listener.deliverDue(outbox, InstanceId.of("child-" + ProcessHandle.current().pid())) == 0) {
                        try {
                            Thread.sleep(5);
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
            }, "relay");
            relay.setDaemon(true);
            relay.start();
            while (true) {
                int step = script.nextStep();
                ConnectionId id = script.step(repository);
                System.out.println("ack " + step + " " + id.value());
                System.out.flush();
            }
        }
    }
}
