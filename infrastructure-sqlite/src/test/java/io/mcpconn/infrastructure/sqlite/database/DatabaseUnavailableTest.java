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
    void aDirectoryThisUserMayNotWriteIsExplainedByItsOwnerNotByAChmodItAlreadyHas() throws Exception {
        Path readOnly = UnprivilegedJvm.shared(directory, "read-only", false);
        Path file = readOnly.resolve("mcpconn.db");

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).startsWith("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the directory " + readOnly + " belongs to " + owner(readOnly) + " (group " + group(readOnly)
                + ", mode 755), and this user (" + UnprivilegedJvm.user() + ") may not write it, and SQLite must create"
                + " mcpconn.db, mcpconn.db-wal and mcpconn.db-shm there. Fix: keep the database in a directory "
                + UnprivilegedJvm.user() + " may write, or run as " + owner(readOnly))
                .contains("chown " + UnprivilegedJvm.user() + " " + readOnly)
                .doesNotContain("chmod 755");
        assertThat(file).doesNotExist();
    }

    @Test
    void aFileOfAnotherUserIsExplainedByItsOwnerWhateverItsMode() throws Exception {
        Path shared = UnprivilegedJvm.shared(directory, "shared", true);
        Path file = shared.resolve("mcpconn.db");
        SqliteDatabase.open(file).close();
        for (String mode : new String[] {"444", "644"}) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode.equals("444") ? "r--r--r--"
                    : "rw-r--r--"));

            UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

            assertThat(result.code()).as(result.toString()).isEqualTo(3);
            assertThat(result.output()).isEqualTo("DatabaseUnavailableException: Cannot use the SQLite database " + file
                    + ": the file " + file + " belongs to " + owner(file) + " (group " + group(file) + ", mode " + mode
                    + "), and this user (" + UnprivilegedJvm.user() + ") may not write it. Fix: run as " + owner(file)
                    + ", or have root let " + UnprivilegedJvm.user() + " write it: chown " + UnprivilegedJvm.user()
                    + " " + file + " (or chgrp GROUP " + file + " && chmod g+w " + file + ", GROUP being one of "
                    + UnprivilegedJvm.user() + "'s)\n");
        }
    }

    @Test
    void aFileItsOwnerMadeReadOnlyGetsTheChmodThatAllowsItsOwner() throws Exception {
        Path shared = UnprivilegedJvm.shared(directory, "shared", true);
        Path file = shared.resolve("mcpconn.db");
        SqliteDatabase.open(file).close();
        UnprivilegedJvm.giveToTheUser(file);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("r--r--r--"));

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the file " + file + " has mode 444, which does not let even its owner (" + UnprivilegedJvm.user()
                + ") write it. Fix: chmod u+w " + file + "\n");
    }

    /** A device is no database: refused for what it is, not explained by the mode of its system folder. */
    @Test
    void aDeviceIsRefusedAsNotARegularFileForEveryUser() throws Exception {
        Path device = Path.of("/dev/null");

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, device.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).isEqualTo("DatabaseUnavailableException: Cannot use the SQLite database /dev/null:"
                + " the path is a character device, not a database file. Fix: pass the path of a regular file (or of"
                + " one to be created)\n");
        // Refused before SQLite sees it, so that not even root leaves a /dev/null-wal behind.
        assertThatThrownBy(() -> SqliteDatabase.open(device)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("a character device");
        assertThatThrownBy(() -> SqliteDatabase.openReadOnly(device)).isInstanceOf(DatabaseUnavailableException.class)
                .hasMessageContaining("a character device");
        assertThat(Path.of("/dev/null-wal")).doesNotExist();
    }

    @Test
    void aDataDirectoryThatCannotBeCreated() throws Exception {
        Path readOnly = UnprivilegedJvm.shared(directory, "read-only", false);
        Path file = readOnly.resolve("data").resolve("mcpconn.db");

        UnprivilegedJvm.Result result = UnprivilegedJvm.run(directory, OpenAndReport.class, file.toString());

        assertThat(result.code()).as(result.toString()).isEqualTo(3);
        assertThat(result.output()).startsWith("DatabaseUnavailableException: Cannot use the SQLite database " + file
                + ": the directory " + file.getParent() + " cannot be created: the directory " + readOnly
                + " belongs to " + owner(readOnly)).contains("mkdir -p " + file.getParent())
                .contains("chown " + UnprivilegedJvm.user() + " " + readOnly);
    }

    private static String owner(Path path) throws Exception {
        return Files.getOwner(path).getName();
    }

    private static String group(Path path) throws Exception {
        return Files.readAttributes(path, java.nio.file.attribute.PosixFileAttributes.class).group().getName();
    }
}
