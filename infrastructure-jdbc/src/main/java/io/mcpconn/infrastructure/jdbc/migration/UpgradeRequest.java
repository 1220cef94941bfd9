package io.mcpconn.infrastructure.jdbc.migration;

import java.util.Objects;
import java.util.Optional;

/**
 * What to upgrade to, and whether to back up first.
 *
 * @param target the version to stop at; empty for the newest
 * @param backupFirst whether to copy the database aside before changing it
 */
public record UpgradeRequest(Optional<String> target, boolean backupFirst) {

    /** Checks the fields. */
    public UpgradeRequest {
        Objects.requireNonNull(target, "target");
    }

    /** Returns a request to upgrade to the newest version after a backup. */
    public static UpgradeRequest toHead() {
        return new UpgradeRequest(Optional.empty(), true);
    }
}
