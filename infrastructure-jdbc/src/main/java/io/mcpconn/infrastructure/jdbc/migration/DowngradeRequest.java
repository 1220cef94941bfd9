package io.mcpconn.infrastructure.jdbc.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * What to downgrade to, and what may be lost.
 *
 * @param target the version to go back to ({@value SchemaMigrator#BASE} for none); empty for one step back
 * @param backupFirst whether to copy the database aside before changing it
 * @param discardData whether undoing V1 may drop rows that no backup of this run holds; without it,
 *     such a downgrade is refused
 */
public record DowngradeRequest(Optional<String> target, boolean backupFirst, boolean discardData) {

    /** Checks the fields. */
    public DowngradeRequest {
        Objects.requireNonNull(target, "target");
    }

    /** Returns a request to undo the last applied migration after a backup. */
    public static DowngradeRequest oneStep() {
        return new DowngradeRequest(Optional.empty(), true, false);
    }

    /** Returns a request to go back to {@code version} after a backup. */
    public static DowngradeRequest to(String version) {
        return new DowngradeRequest(Optional.of(version), true, false);
    }
}
