package io.mcpconn.infrastructure.sqlite.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jooq.DSLContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {

    @TempDir
    Path directory;

    @Test
    void theWriterRunsWithTheProductionPragmas() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            List<Object> pragmas = database.write(dsl -> List.of(
                    pragma(dsl, "journal_mode"), pragma(dsl, "busy_timeout"), pragma(dsl, "foreign_keys"),
                    pragma(dsl, "synchronous")));

            // synchronous: 1 is NORMAL
            assertThat(pragmas).containsExactly("wal", "5000", "1", "1");
        }
    }

    @Test
    void readersShareTheBusyTimeoutAndRefuseToWrite() {
        SqliteDatabaseOptions options = SqliteDatabaseOptions.defaults().withBusyTimeout(Duration.ofMillis(1234));
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"), options)) {
            List<Object> pragmas = database.read(dsl -> List.of(
                    pragma(dsl, "journal_mode"), pragma(dsl, "busy_timeout"), pragma(dsl, "foreign_keys"),
                    pragma(dsl, "query_only")));

            assertThat(pragmas).containsExactly("wal", "1234", "1", "1");
            assertThatThrownBy(() -> database.read(dsl -> dsl.execute("CREATE TABLE t (x)")))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("tried to write; writes go through write(...)");
        }
    }

    @Test
    void createsMissingParentDirectories() {
        Path file = directory.resolve("data").resolve("nested").resolve("mcpconn.db");

        try (SqliteDatabase database = SqliteDatabase.open(file)) {
            assertThat(database.file()).isEqualTo(file.toAbsolutePath());
        }
        assertThat(file).isRegularFile();
    }

    @Test
    void aWriteThatThrowsLeavesNothingBehind() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            database.write(dsl -> dsl.execute("CREATE TABLE t (x INTEGER NOT NULL)"));

            assertThatThrownBy(() -> database.write(dsl -> {
                dsl.execute("INSERT INTO t VALUES (1)");
                throw new IllegalArgumentException("changed my mind");
            })).isInstanceOf(IllegalArgumentException.class).hasMessage("changed my mind");

            assertThat(count(database)).isZero();
        }
    }

    @Test
    void aNestedWriteJoinsTheOuterTransactionAsASavepoint() {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            database.write(dsl -> dsl.execute("CREATE TABLE t (x INTEGER NOT NULL)"));

            database.write(outer -> {
                outer.execute("INSERT INTO t VALUES (1)");
                assertThatThrownBy(() -> database.write(inner -> {
                    inner.execute("INSERT INTO t VALUES (2)");
                    throw new IllegalArgumentException("inner fails");
                })).isInstanceOf(IllegalArgumentException.class);
                return database.write(inner -> inner.execute("INSERT INTO t VALUES (3)"));
            });

            List<Integer> values = database.read(dsl -> dsl.fetch("SELECT x FROM t ORDER BY x").getValues(0, Integer.class));
            assertThat(values).containsExactly(1, 3);
        }
    }

    /**
     * Four threads each commit 500 separate transactions while two others keep reading: with one
     * queued writer and WAL readers, no statement may fail with SQLITE_BUSY.
     */
    @Test
    void concurrentWritersAndReadersNeverSeeBusy() throws Exception {
        int writers = 4;
        int writesEach = 500;
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            database.write(dsl -> dsl.execute("CREATE TABLE t (writer INTEGER NOT NULL, n INTEGER NOT NULL)"));
            ExecutorService pool = Executors.newFixedThreadPool(writers + 2);
            try {
                CountDownLatch start = new CountDownLatch(1);
                AtomicBoolean writing = new AtomicBoolean(true);
                List<Future<Integer>> results = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    int writer = w;
                    results.add(pool.submit(() -> {
                        start.await();
                        for (int n = 0; n < writesEach; n++) {
                            int value = n;
                            database.write(dsl -> dsl.execute("INSERT INTO t VALUES (?, ?)", writer, value));
                        }
                        return writesEach;
                    }));
                }
                Callable<Integer> reader = () -> {
                    start.await();
                    int reads = 0;
                    while (writing.get()) {
                        database.read(SqliteDatabaseTest::countRows);
                        reads++;
                    }
                    return reads;
                };
                Future<Integer> firstReader = pool.submit(reader);
                Future<Integer> secondReader = pool.submit(reader);

                start.countDown();
                int written = 0;
                for (Future<Integer> result : results) {
                    written += result.get(2, TimeUnit.MINUTES);
                }
                writing.set(false);

                assertThat(written).isEqualTo(writers * writesEach);
                assertThat(firstReader.get(1, TimeUnit.MINUTES)).isPositive();
                assertThat(secondReader.get(1, TimeUnit.MINUTES)).isPositive();
                assertThat(count(database)).isEqualTo(writers * writesEach);
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void aWriteLockHeldByAnotherProcessEndsInOneClearError() throws Exception {
        Path file = directory.resolve("mcpconn.db");
        SqliteDatabaseOptions options = SqliteDatabaseOptions.defaults().withBusyTimeout(Duration.ofMillis(200));
        try (SqliteDatabase database = SqliteDatabase.open(file, options);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement()) {
            database.write(dsl -> dsl.execute("CREATE TABLE t (x INTEGER)"));
            statement.execute("BEGIN IMMEDIATE");

            assertThatThrownBy(() -> database.write(dsl -> dsl.execute("INSERT INTO t VALUES (1)")))
                    .isInstanceOf(DatabaseLockedException.class)
                    .hasMessageStartingWith("The SQLite database " + file.toAbsolutePath() + " is locked")
                    .hasMessageContaining("more than 200 ms")
                    .hasMessageContaining("Fix: ");

            statement.execute("ROLLBACK");
            database.write(dsl -> dsl.execute("INSERT INTO t VALUES (1)"));
            assertThat(count(database)).isOne();
        }
    }

    @Test
    void aClosedDatabaseRefusesWork() {
        SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"));
        database.close();
        database.close();

        assertThatThrownBy(() -> database.write(dsl -> 1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> database.read(dsl -> 1)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void theDataSourceOpensConnectionsToTheSameFile() throws Exception {
        try (SqliteDatabase database = SqliteDatabase.open(directory.resolve("mcpconn.db"))) {
            database.write(dsl -> dsl.execute("CREATE TABLE t (x INTEGER)"));
            try (Connection connection = database.dataSource().getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("INSERT INTO t VALUES (42)");
            }
            assertThat(count(database)).isOne();
            assertThat(Files.exists(Path.of(database.file() + "-wal"))).isTrue();
        }
    }

    private static Object pragma(DSLContext dsl, String name) {
        return String.valueOf(dsl.fetchSingle("PRAGMA " + name).get(0));
    }

    private static int count(SqliteDatabase database) {
        return database.read(SqliteDatabaseTest::countRows);
    }

    private static int countRows(DSLContext dsl) {
        return dsl.fetchSingle("SELECT count(*) FROM t").get(0, Integer.class);
    }
}
