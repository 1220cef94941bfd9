package io.mcpconn.infrastructure.sqlite.connection;

import static org.assertj.core.api.Assertions.assertThat;

import io.mcpconn.domain.connection.ConnectionStatus;
import io.mcpconn.domain.connection.McpConnection;
import io.mcpconn.domain.connection.PageRequest;
import io.mcpconn.domain.tenancy.AgentId;
import io.mcpconn.domain.tenancy.Namespace;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.migration.SchemaMigrator;
import io.mcpconn.testkit.fixtures.McpConnections;
import io.mcpconn.testkit.fixtures.Tools;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four writers × 500 saves on one file: two share one {@link SqliteDatabase} (this process's
 * writer queue), two have their own (as other processes would, meeting in SQLite's own lock).
 * Nothing may escape as SQLITE_BUSY / "database is locked", and every save must land.
 */
class ConcurrentSavesTest {

    private static final int THREADS = 4;
    private static final int SAVES_PER_THREAD = 500;

    @TempDir
    Path directory;

    @Test
    void four_threads_times_500_saves_all_land_without_busy_errors() throws Exception {
        var file = directory.resolve("mcpconn.db");
        var clock = Clock.systemUTC();
        var shared = SqliteDatabase.open(file);
        new SchemaMigrator(shared).migrate();
        var databases = List.of(shared, shared, SqliteDatabase.open(file), SqliteDatabase.open(file));
        var start = new CyclicBarrier(THREADS);
        var pool = Executors.newFixedThreadPool(THREADS);
        try {
            var results = new ArrayList<Future<Integer>>();
            for (int t = 0; t < THREADS; t++) {
                var repository = new SqliteMcpConnectionRepository(databases.get(t));
                var namespace = Namespace.of("ns-" + t);
                Callable<Integer> writer = () -> {
                    start.await();
                    int saves = 0;
                    McpConnection current = null;
                    for (int i = 0; i < SAVES_PER_THREAD; i++) {
                        // Every fifth save registers a new connection; the others move the current one on.
                        if (i % 5 == 0) {
                            current = McpConnections.in(ConnectionStatus.DISCONNECTED, namespace, AgentId.of("agent"),
                                    "server-" + i, clock);
                        } else if (current.status() == ConnectionStatus.DISCONNECTED) {
                            current.startConnecting(clock.instant());
                        } else if (current.status() == ConnectionStatus.CONNECTING) {
                            current.markActive(Tools.seedCatalog(), clock.instant());
                        } else if (current.status() == ConnectionStatus.ACTIVE) {
                            current.fail("lost", clock.instant());
                        } else {
                            current.disconnect("reset after error", clock.instant());
                        }
                        repository.save(current);
                        saves++;
                    }
                    return saves;
                };
                results.add(pool.submit(writer));
            }
            for (var result : results) {
                assertThat(result.get(2, TimeUnit.MINUTES)).isEqualTo(SAVES_PER_THREAD);
            }
            var reader = new SqliteMcpConnectionRepository(shared);
            for (int t = 0; t < THREADS; t++) {
                var page = reader.findAll(Namespace.of("ns-" + t), PageRequest.first(1000));
                assertThat(page.items()).hasSize(SAVES_PER_THREAD / 5)
                        .allSatisfy(c -> assertThat(c.version()).isEqualTo(5))
                        .allSatisfy(c -> assertThat(c.status()).isEqualTo(ConnectionStatus.DISCONNECTED));
            }
        } finally {
            pool.shutdownNow();
            databases.stream().distinct().forEach(SqliteDatabase::close);
        }
    }
}
