package io.mcpconn.infrastructure.sqlite.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file that cannot be used fails {@link SqliteDatabase#open} with one message naming the path,
 * the cause and the fix. Tests run as root in CI, and root writes through any permission bits, so
 * the cases that need a permission denied check that the denial really happens and are skipped
 * where it does not; the others cause the failure in ways root cannot override.
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
        Path readOnly = Files.createDirectory(directory.resolve("read-only"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(readOnly), "permission bits do not stop this user (root): covered by"
                    + " the regular-file cases");
            Path file = readOnly.resolve("mcpconn.db");

            assertThatThrownBy(() -> SqliteDatabase.open(file))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessageStartingWith("Cannot use the SQLite database " + file + ": the directory " + readOnly
                            + " is not writable")
                    .hasMessageContaining("Fix: chmod 755 " + readOnly);
        } finally {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void aFileThisUserMayNotWrite() throws Exception {
        Path file = directory.resolve("mcpconn.db");
        SqliteDatabase.open(file).close();
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));
        try {
            assumeFalse(Files.isWritable(file), "permission bits do not stop this user (root): covered by the"
                    + " regular-file cases");

            assertThatThrownBy(() -> SqliteDatabase.open(file))
                    .isInstanceOf(DatabaseUnavailableException.class)
                    .hasMessage("Cannot use the SQLite database " + file + ": the file is read-only for this user."
                            + " Fix: chmod 644 " + file + " (as its owner, or chown it to the user running mcpconn)");
        } finally {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        }
    }
}
