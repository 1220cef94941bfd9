package io.mcpconn.infrastructure.sqlite.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be used fails {@link SqliteDatabase#open} with one message naming the path,
 * the cause and the fix. Tests run as root in CI, and root writes through any permission bits, so
 * the cases that need a permission denied run in a child JVM as an unprivileged user
 * ({@link UnprivilegedJvm}); the others cause the failure in ways root cannot override.
 */
class DatabaseUnavailableTest {

    @TempDir
    Path directory;

    @Test
    void aParentPathThatIsARegularFile() throws Exception {
        Path blocker = Files.writeString(directory.resolve("data"), "not a directory");
        Path file = blocker.resolve("nested").resolve("mcpconn.db");

        assertThatThrownBy(() -> SqliteDatabase.open(file))
                .isInstanceOfSatisfying(DatabaseUnavailableException.class, e -> {
                    assertThat(e.path()).isEqualTo(file);
                    assertThat(e.getMessage()).isEqualTo("Cannot use the SQLite database " + file + ": " + blocker
                            + " is a file, not a directory, so the directory " + file.getParent()
                            + " cannot be created. Fix: move " + blocker
                            + " out of the way, or choose a database path that does not pass through it");
                });
    }

    @Test
    void aDirectParentThatIsARegularFile() throws Exception {
        Path blocker = Files.writeString(directory.resolve("data"), "not a directory");
        Path file = blocker.resolve("mcpconn.db");

        assertThatThrownBy(() -> SqliteDatabase.open(file))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageStartingWith("Cannot use the SQLite database " + file + ": " + blocker + " is a file")
                .hasMessageContaining("Fix: move " + blocker);
    }

    @Test
    void aPathThatIsADirectory() throws Exception {
        Path file = Files.createDirectory(directory.resolve("mcpconn.db"));

        assertThatThrownBy(() -> SqliteDatabase.open(file))
                .isInstanceOf(DatabaseUnavailableException.class)
                .hasMessage("Cannot use the SQLite database " + file + ": the path is a directory, not a database"
                        + " file. Fix: pass the path of a file, e.g. " + file.resolve("mcpconn.db"));
    }

    @Test
    void aFileThatIsNotAnSqliteDatabase() throws Exception {
        Path file = Files.writeString(directory.resolve("mcpconn.db"), "x".repeat(4096));

        assertThatThrownBy(() -> SqliteDatabase.open(file))
                .isInstanceOfSatisfying(DatabaseUnavailableException.class, e -> {
                    assertThat(e.reason()).startsWith("the file is not an SQLite database (SQLite: ");
                    assertThat(e.getMessage()).startsWith("Cannot use the SQLite database " + file + ": ");
                    assertThat(e.fix()).contains("move this one away");
                    assertThat(e).hasCauseInstanceOf(java.sql.SQLException.class);
                });
    }

    @Test
    void aDirectoryThisUserMayNotWrite() throws Exception {
        Path readOnly = UnprivilegedJvm.shared(directory, "read-only", false);
        Path file = readOnly.resolve("mcpconn.db");

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).startsWith("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the directory " + readOnly + " is not writable").contains("Fix: chmod 755 " + readOnly);
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileThisUserMayNotWrite() throws Exception {
        Path shared = UnprivilegedJvm.shared(directory, "shared", true);
        Path file = shared.resolve("mcpconn.db");
        SqliteDatabase.open(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the file is read-only for this user. Fix: chmod 644 " + file
                + " (as its owner, or chown it to the user running mcpconn)\n");
    }

    @Test
    void aDataDirectoryThatCannotBeCreated() throws Exception {
        Path readOnly = UnprivilegedJvm.shared(directory, "read-only", false);
        Path file = readOnly.resolve("data").resolve("mcpconn.db");

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).startsWith("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the directory " + file.getParent() + " cannot be created").contains("chmod 755 " + readOnly);
    }
}
