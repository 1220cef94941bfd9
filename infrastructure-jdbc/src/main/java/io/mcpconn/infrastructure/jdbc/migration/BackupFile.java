package io.mcpconn.infrastructure.jdbc.migration;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A consistent copy of a database, written by {@code VACUUM INTO}.
 *
 * @param file where the copy is
 * @param bytes its size
 */
public record BackupFile(Path file, long bytes) {

    /** Checks the fields. */
    public BackupFile {
        Objects.requireNonNull(file, "file");
        if (bytes < 0) {
            throw new IllegalArgumentException("bytes must not be negative, was " + bytes);
        }
    }
}
