package io.mcpconn.infrastructure.sqlite.migration;

import io.mcpconn.infrastructure.jdbc.migration.UpgradeRequest;
import io.mcpconn.infrastructure.jdbc.database.MigrationProgress;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mcpconn.infrastructure.sqlite.database.DatabaseLockedException;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabase;
import io.mcpconn.infrastructure.sqlite.database.SqliteDatabaseOptions;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed's troubleshooting 2: another connection holds the write lock. The migration waits up
 * to the busy timeout, then fails naming the database and the fix, having changed nothing.
 */
class LockedDatabaseTest {

    private static final SqliteDatabaseOptions SHORT_WAIT =
            SqliteDatabaseOptions.defaults().withBusyTimeout(Duration.ofMillis(400));

    @TempDir
    Path directory;

    @Test
    void anUpgradeBehindAWriteLockFailsAfterTheBusyTimeoutAndChangesNothing() throws Exception {
        Path file = directory.resolve("tmws.db");
        try (SqliteDatabase database = SqliteDatabase.open(file, SHORT_WAIT);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            migrator.migrateTo("1");
            statement.execute("BEGIN IMMEDIATE");

            long start = System.nanoTime();
            assertThatThrownBy(() -> migrator.upgrade(new UpgradeRequest(java.util.Optional.empty(), false),
                    MigrationProgress.silent()))
                    .isInstanceOf(DatabaseLockedException.class)
                    .hasMessageStartingWith("The SQLite database " + database.file() + " is locked")
                    .hasMessageContaining("Fix: stop other programs using it");
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(400));

            statement.execute("ROLLBACK");
            assertThat(migrator.current().current()).contains("1");
            assertThat(Schema.columns(database, "mcp_connections")).extracting(Schema.Column::name)
                    .doesNotContain("version");
        }
    }

    @Test
    void anUpgradeWaitsForALockReleasedWithinTheBusyTimeout() throws Exception {
        Path file = directory.resolve("tmws.db");
        SqliteDatabaseOptions patient = SqliteDatabaseOptions.defaults().withBusyTimeout(Duration.ofSeconds(10));
        try (SqliteDatabase database = SqliteDatabase.open(file, patient);
                Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
                Statement statement = other.createStatement()) {
            SchemaMigrator migrator = new SchemaMigrator(database);
            statement.execute("BEGIN IMMEDIATE");
            CompletableFuture<Void> release = CompletableFuture.runAsync(() -> {
                try {
                    Thread.sleep(300);
                    statement.execute("ROLLBACK");
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });

            assertThat(migrator.migrate().applied()).containsExactly("1", "2", "3", "4", "5", "6");
            release.get(10, TimeUnit.SECONDS);
        }
    }
}
